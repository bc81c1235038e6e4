using Archive.Core.Markdown;
using Archive.Core.Model;
using Archive.Media;

namespace Archive.Cli.Commands;

/// <summary>What the blobs of a folder would be once uploaded, for <c>archive check</c> to resolve references as an ingest would (§11).</summary>
internal sealed class OfflineReferences
{
    private readonly Dictionary<string, ResolvedReference> resolved = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, ResolvedReference> Resolved => resolved;

    public void AddImage(string blob, MediaResult result) =>
        resolved[blob] = result.Image is { } image
            ? new ResolvedImage(new ServedImage(blob, ServedImage.UrlOf(blob, "offline"), image.Width, image.Height, image.ContentType, image.Served.Length,
                [.. image.Variants.Select(v => new ImageVariant(ServedImage.UrlOf(blob, "offline", v.Width), v.Width))]))
            : new MissingReference("is rejected: " + result.Rejection);

    public void AddPosts(IEnumerable<(string Blob, ParseResult Result)> posts)
    {
        foreach (var (blob, result) in posts)
        {
            resolved[blob] = result.Post switch
            {
                { Draft: true } => new MissingReference("is a draft"),
                { } post => new ResolvedPost(SiteOrigin.PostPath(post.Id, post.Slug)),
                null => new MissingReference("is rejected"),
            };
        }
    }
}
