namespace Archive.Storage.Tables;

/// <summary>A post: its summary, where its content is, and the index entries it owns.</summary>
public sealed class PostEntity : ArchiveEntity
{
    public string Id { get; set; } = string.Empty;
    public string Blob { get; set; } = string.Empty;
    public string ContentHash { get; set; } = string.Empty;
    public string ContentBlob { get; set; } = string.Empty;
    public bool Draft { get; set; }
    public string SummaryJson { get; set; } = string.Empty;
    public long? DateTicks { get; set; }

    /// <summary>Row keys of this post's index entries, one per line (empty for a draft).</summary>
    public string IndexKeys { get; set; } = string.Empty;

    public DateTimeOffset IngestedAt { get; set; }

    public IEnumerable<string> IndexKeyList() => IndexKeys.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
