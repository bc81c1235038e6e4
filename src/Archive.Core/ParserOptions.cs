using System.ComponentModel.DataAnnotations;

namespace Archive.Core;

/// <summary>The settings that change what a post parses to (section "Archive" of the configuration).</summary>
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
}
