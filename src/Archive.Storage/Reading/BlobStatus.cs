namespace Archive.Storage.Reading;

/// <summary>What became of a blob's current version, as storage knows it; the API serves it as its BlobState (§5).</summary>
public sealed record BlobStatus(string Blob, string? ContentHash, BlobStatusKind Kind, string? Id, string? Reason, DateTimeOffset? At);

public enum BlobStatusKind
{
    Pending,
    Served,
    Draft,
    Rejected,
    Ignored,
    Absent,
}
