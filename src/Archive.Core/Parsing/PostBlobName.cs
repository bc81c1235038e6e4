namespace Archive.Core.Parsing;

/// <summary>Which blobs are posts, and the id a post takes from its blob name.</summary>
public static class PostBlobName
{
    private static readonly string[] Extensions = [".md", ".markdown"];

    /// <summary>Why a blob that is neither a post nor an image is ignored (§1): the one wording, in logs, states and reports.</summary>
    public const string NotMarkdown = "neither a post (.md, .markdown) nor an image (.png, .jpg, .jpeg, .gif, .webp, .avif, .svg)";

    public static bool IsPost(string blobName) =>
        Extensions.Any(e => blobName.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>The blob name without folder and extension.</summary>
    public static string DefaultId(string blobName)
    {
        var name = blobName[(blobName.LastIndexOf('/') + 1)..];
        var extension = Extensions.FirstOrDefault(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));
        return extension is null ? name : name[..^extension.Length];
    }
}
