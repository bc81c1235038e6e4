using Archive.Core.Model;
using Archive.Core.Parsing;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Archive.Core.Markdown;

/// <summary>
/// The relative references of one post (§11): images, and links to other posts or to images,
/// resolved against the post's blob name and rendered as what they name is now. Everything else
/// (absolute URLs, fragments, links to other kinds of files) is left as written.
/// </summary>
internal sealed class PostReferences
{
    private readonly Dictionary<LinkInline, Entry> entries = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, ResolvedReference> seen = new(StringComparer.Ordinal);
    private int imagesRendered;

    public List<BlobReference> Blobs { get; } = [];

    public List<PostMedia> Media { get; } = [];

    public List<string> Warnings { get; } = [];

    public static PostReferences Collect(MarkdownDocument document, string postBlob, IReadOnlyDictionary<string, ResolvedReference>? resolved)
    {
        var references = new PostReferences();
        var overflowed = false;
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (BlobPath.Resolve(postBlob, link.Url) is not { } target)
            {
                continue;
            }

            var kind = link.IsImage ? ReferenceKind.Image : ReferenceKind.Link;
            if (kind == ReferenceKind.Link && (target.Blob is null || !MediaBlobName.IsContent(target.Blob)))
            {
                // A link to a page or a file of another kind: not Archive's to resolve.
                continue;
            }

            var name = target.Blob ?? target.Written;
            if (target.Blob is not null && !references.seen.ContainsKey(name))
            {
                if (references.Blobs.Count == Rendering.MaxReferences)
                {
                    overflowed = true;
                    continue;
                }

                references.Blobs.Add(new BlobReference(target.Blob, kind));
            }

            var resolution = target.Blob is null
                ? new MissingReference("is outside the container")
                : resolved?.GetValueOrDefault(target.Blob) ?? MissingReference.Absent;
            if (kind == ReferenceKind.Image && resolution is ResolvedPost)
            {
                resolution = new MissingReference("is not an image");
            }

            references.seen.TryAdd(name, resolution);
            references.entries[link] = new Entry(name, resolution, target.Fragment);
            references.Note(link, kind, name, resolution);
        }

        if (overflowed)
        {
            references.Warnings.Add($"more than {Rendering.MaxReferences} images and posts are referenced; the rest are left as written");
        }

        return references;
    }

    /// <summary>What the rendering depends on, in the order first referenced: equal fingerprints, equal HTML.</summary>
    public string Fingerprint => string.Join('\n', seen.Select(pair => pair.Key + " " + pair.Value.Fingerprint));

    public bool TryGet(LinkInline link, out Entry entry) => entries.TryGetValue(link, out entry!);

    /// <summary>The first resolved image is loaded at once; the others when they come near the screen.</summary>
    public bool NextImageIsLazy() => imagesRendered++ > 0;

    private void Note(LinkInline link, ReferenceKind kind, string name, ResolvedReference resolution)
    {
        var alt = PlainTextWriter.InlineText(link).Trim();
        switch (resolution)
        {
            case MissingReference missing when kind == ReferenceKind.Image:
                AddOnce($"image '{name}' {missing.Why}; its alt text is shown instead");
                break;
            case MissingReference missing:
                AddOnce($"link to '{name}': it {missing.Why}; its text is shown instead");
                break;
            case ResolvedImage image when kind == ReferenceKind.Image && !Media.Any(m => m.Image.Blob == image.Image.Blob):
                Media.Add(new PostMedia(image.Image, alt));
                break;
        }

        if (kind == ReferenceKind.Image && alt.Length == 0)
        {
            AddOnce($"image '{name}' has no alt text");
        }
    }

    private void AddOnce(string warning)
    {
        if (!Warnings.Contains(warning))
        {
            Warnings.Add(warning);
        }
    }

    internal sealed record Entry(string Name, ResolvedReference Resolution, string? Fragment);
}
