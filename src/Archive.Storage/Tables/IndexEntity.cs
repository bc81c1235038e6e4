using Azure;
using Azure.Data.Tables;

namespace Archive.Storage.Tables;

/// <summary>One post's entry in one list order: enough to serve it in a page without another read.</summary>
public sealed class IndexEntity : ITableEntity
{
    public string PartitionKey { get; set; } = RowKeys.Partition;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string SummaryJson { get; set; } = string.Empty;

    /// <summary>For date filters on the longest/shortest orders, whose keys are not dates.</summary>
    public long? DateTicks { get; set; }
}
