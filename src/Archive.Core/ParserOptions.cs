using System.ComponentModel.DataAnnotations;

namespace Archive.Core;

/// <summary>
/// The settings that change what a post parses to (section "Archive" of the configuration),
/// the main input limits among them; the fixed limits are <see cref="Parsing.InputLimits"/>.
/// docs/content-api.md lists them all.
/// </summary>
public sealed class ParserOptions
{
    public const int DefaultWordsPerMinute = 200;
    public const int DefaultMaxBlobBytes = 1024 * 1024;

    /// <summary>Reading speed used for <c>readingTime</c>.</summary>
    [Range(1, 10_000)]
    public int WordsPerMinute { get; set; } = DefaultWordsPerMinute;

    /// <summary>Blobs larger than this are rejected.</summary>
    [Range(1, 64 * 1024 * 1024)]
    public int MaxBlobBytes { get; set; } = DefaultMaxBlobBytes;

    /// <summary>
    /// Deepest nesting of front matter (lists and mappings) and of markdown (quotes, lists,
    /// emphasis, links): every walk over either is bounded by it. At most 48: below Markdig's
    /// renderer limit of 128, and below System.Text.Json's 64 with room for the post around the front matter.
    /// </summary>
    [Range(4, 48)]
    public int MaxNestingDepth { get; set; } = 32;

    /// <summary>Values the front matter may expand to, each alias counted as the values it repeats.</summary>
    [Range(10, 1_000_000)]
    public int MaxYamlValues { get; set; } = 10_000;

    /// <summary>
    /// Links, bare URLs, link definitions and footnotes of a paragraph times the paragraph's length,
    /// summed over the post. Markdig looks back over a paragraph for each, so this bounds its parse time.
    /// </summary>
    [Range(1_000, 1_000_000_000)]
    public long MaxLinkWork { get; set; } = 50_000_000;

    /// <summary>Headings in one post (Markdig's heading ids cost the square of the number of equal headings).</summary>
    [Range(1, 100_000)]
    public int MaxHeadings { get; set; } = 2_000;
}
