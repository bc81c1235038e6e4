namespace Archive.Core.Parsing;

/// <summary>Which blobs are images (§11): by extension, any case; what they are is read from their bytes.</summary>
public static class MediaBlobName
{
    public static readonly IReadOnlyList<string> Extensions = [".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg"];

    public static bool IsMedia(string blobName) =>
        Extensions.Any(e => blobName.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>A post or an image: a blob Archive reads. Anything else is ignored.</summary>
    public static bool IsContent(string blobName) => PostBlobName.IsPost(blobName) || IsMedia(blobName);
}
