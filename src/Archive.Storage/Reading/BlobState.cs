namespace Archive.Storage.Reading;

/// <summary>
/// What became of a blob's current version (contract §5, <c>GET /api/admin/blobs/{*name}</c>):
/// <see cref="State"/> is pending, served, draft, rejected, ignored or absent; <see cref="ContentHash"/>
/// names the version that state is about, so an uploader waits until it is its own.
/// </summary>
public sealed record BlobState(string Blob, string? ContentHash, BlobStateKind State, string? Id, string? Reason, DateTimeOffset? At);

public enum BlobStateKind
{
    Pending,
    Served,
    Draft,
    Rejected,
    Ignored,
    Absent,
}
