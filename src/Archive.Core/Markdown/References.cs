using Archive.Core.Model;

namespace Archive.Core.Markdown;

public enum ReferenceKind
{
    Image,
    Link,
}

/// <summary>A blob a post references: what the ingest looks up and follows (a change of it renders the post again).</summary>
public sealed record BlobReference(string Blob, ReferenceKind Kind);

/// <summary>What a referenced blob was when the post was rendered.</summary>
public abstract record ResolvedReference
{
    /// <summary>What the rendering depends on: equal fingerprints render equal HTML.</summary>
    public abstract string Fingerprint { get; }
}

public sealed record ResolvedImage(ServedImage Image) : ResolvedReference
{
    public override string Fingerprint => $"image {Image.Url} {Image.Width}x{Image.Height} {string.Join(',', Image.Variants.Select(v => v.Width))}";
}

/// <summary>A served post, linked at its page.</summary>
public sealed record ResolvedPost(string Url) : ResolvedReference
{
    public override string Fingerprint => "post " + Url;
}

/// <summary>Not there as it would have to be: <paramref name="Why"/> completes "… 'name' …" (<c>does not exist</c>, <c>is a draft</c>).</summary>
public sealed record MissingReference(string Why) : ResolvedReference
{
    public static readonly MissingReference Absent = new("does not exist");

    public override string Fingerprint => "missing " + Why;
}

/// <summary>How references render: the rendering version, stored with every post, so that a new version renders stored posts again.</summary>
public static class Rendering
{
    /// <summary>2: relative references to images and posts resolve (§11). 3: an excerpt leaves out a first heading whatever its text (§1). 4: tables align by class, images from other origins send no referrer.</summary>
    public const int Version = 4;

    /// <summary>Distinct blobs one post may reference; the rest are left as written, with a warning.</summary>
    public const int MaxReferences = 100;
}
