namespace Archive.Storage.Tables;

/// <summary>A blob's current problem, as <c>/api/admin/rejections</c> lists it.</summary>
public sealed class RejectionEntity : ArchiveEntity
{
    public string Blob { get; set; } = string.Empty;
    public string Reason { get; set; } = string.Empty;
    public DateTimeOffset At { get; set; }
}
