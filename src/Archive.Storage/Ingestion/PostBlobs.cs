using Archive.Core.Parsing;
using Azure;
using Azure.Storage.Blobs.Models;

namespace Archive.Storage.Ingestion;

/// <summary>What identifies the content a blob gave: its hash, and the ETag and MD5 a listing shows for it.</summary>
internal sealed record BlobVersion(string Hash, string ETag, string? Md5);

/// <summary>A markdown blob as downloaded once, so that nothing downloads it twice.</summary>
internal sealed record DownloadedBlob(ReadOnlyMemory<byte> Bytes, BlobVersion Seen, DateTimeOffset LastModified);

internal static class PostBlobs
{
    /// <summary>The blob as it is now, or null when it is gone.</summary>
    public static async Task<DownloadedBlob?> DownloadAsync(ArchiveStore store, string blobName, CancellationToken cancellationToken)
    {
        BlobDownloadResult download;
        try
        {
            download = (await store.PostBlob(blobName).DownloadContentAsync(cancellationToken)).Value;
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            return null;
        }

        var bytes = download.Content.ToMemory();
        var seen = new BlobVersion(ContentHash.Of(bytes.Span), download.Details.ETag.ToString(), Md5(download.Details.ContentHash));
        return new DownloadedBlob(bytes, seen, download.Details.LastModified);
    }

    public static string? Md5(byte[]? md5) => md5 is { Length: > 0 } ? Convert.ToBase64String(md5) : null;
}
