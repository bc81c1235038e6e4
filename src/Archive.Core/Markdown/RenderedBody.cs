using Archive.Core.Model;

namespace Archive.Core.Markdown;

/// <summary>A body rendered: sanitized HTML, the counted plain text, the excerpt source, and what it references (§11).</summary>
public sealed record RenderedBody(string Html, string Text, string? TextBeforeMore, string? FirstHeading)
{
    /// <summary>The plain text an excerpt is cut from: <see cref="Text"/> without a first level-1 heading, whatever its text (§1).</summary>
    public string ExcerptText { get; init; } = Text;

    public IReadOnlyList<BlobReference> References { get; init; } = [];

    public IReadOnlyList<PostMedia> Media { get; init; } = [];

    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>What the references rendered as; null when the post has none (its HTML depends on its bytes alone).</summary>
    public string? ReferenceFingerprint { get; init; }
}
