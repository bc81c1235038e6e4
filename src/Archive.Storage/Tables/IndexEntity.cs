namespace Archive.Storage.Tables;

/// <summary>One post's entry in one list order: enough to serve it in a page without another read.</summary>
public sealed class IndexEntity : ArchiveEntity
{
    public string SummaryJson { get; set; } = string.Empty;

    /// <summary>For date filters on the longest/shortest orders, whose keys are not dates.</summary>
    public long? DateTicks { get; set; }
}
