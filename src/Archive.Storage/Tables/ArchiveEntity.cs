using Azure;
using Azure.Data.Tables;

namespace Archive.Storage.Tables;

/// <summary>What every entity of the archive table has: the one partition, a row key, and the ETag writes are guarded by.</summary>
public abstract class ArchiveEntity : ITableEntity
{
    public string PartitionKey { get; set; } = RowKeys.Partition;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
}
