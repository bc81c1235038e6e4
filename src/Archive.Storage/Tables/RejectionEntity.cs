using Azure;
using Azure.Data.Tables;

namespace Archive.Storage.Tables;

/// <summary>A blob's current problem, as <c>/api/admin/rejections</c> lists it.</summary>
public sealed class RejectionEntity : ITableEntity
{
    public string PartitionKey { get; set; } = RowKeys.Partition;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Blob { get; set; } = string.Empty;
    public string Reason { get; set; } = string.Empty;
    public DateTimeOffset At { get; set; }
}
