using Archive.Storage.Reading;

namespace Archive.Api.Contracts;

/// <summary>
/// What became of a blob's current version (contract §5, <c>GET /api/admin/blobs/{*name}</c>):
/// <see cref="State"/> is pending, served, draft, rejected, ignored or absent; <see cref="ContentHash"/>
/// names the version that state is about, so an uploader waits until it is its own.
/// </summary>
public sealed record BlobState(string Blob, string? ContentHash, BlobStateKind State, string? Id, string? Reason, DateTimeOffset? At)
{
    public static BlobState From(BlobStatus status) => new(status.Blob, status.ContentHash, Kind(status.Kind), status.Id, status.Reason, status.At);

    private static BlobStateKind Kind(BlobStatusKind kind) => kind switch
    {
        BlobStatusKind.Pending => BlobStateKind.Pending,
        BlobStatusKind.Served => BlobStateKind.Served,
        BlobStatusKind.Draft => BlobStateKind.Draft,
        BlobStatusKind.Rejected => BlobStateKind.Rejected,
        BlobStatusKind.Ignored => BlobStateKind.Ignored,
        _ => BlobStateKind.Absent,
    };
}

public enum BlobStateKind
{
    Pending,
    Served,
    Draft,
    Rejected,
    Ignored,
    Absent,
}
