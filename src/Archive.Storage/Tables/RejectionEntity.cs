namespace Archive.Storage.Tables;

/// <summary>A blob's current problem, as <c>/api/admin/rejections</c> lists it.</summary>
public sealed class RejectionEntity : ArchiveEntity
{
    public string Blob { get; set; } = string.Empty;
    public string Reason { get; set; } = string.Empty;
    public DateTimeOffset At { get; set; }

    /// <summary>The post key the blob claims when it is rejected because another blob owns that id: the rivals to hand the id over to when the owner leaves (§1).</summary>
    public string? Claims { get; set; }
}
