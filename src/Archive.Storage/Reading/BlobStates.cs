using Archive.Core.Parsing;
using Archive.Storage.Ingestion;
using Archive.Storage.Tables;
using Azure;

namespace Archive.Storage.Reading;

/// <summary>
/// Reads what became of one blob: its properties (is it there, which version), its record (what
/// the last ingest made of which content) and, for a good version, its post. Three point reads.
/// </summary>
public sealed class BlobStates(ArchiveStore store)
{
    public async Task<BlobStatus> ReadAsync(string blobName, CancellationToken cancellationToken)
    {
        var properties = await PropertiesAsync(blobName, cancellationToken);
        if (properties is null)
        {
            return new BlobStatus(blobName, null, BlobStatusKind.Absent, null, null, null);
        }

        if (!MediaBlobName.IsContent(blobName))
        {
            return new BlobStatus(blobName, null, BlobStatusKind.Ignored, null, PostBlobName.NotMarkdown, null);
        }

        var record = await store.FindAsync<BlobEntity>(RowKeys.Blob(blobName), cancellationToken);
        if (record is null || record.AttemptHash is not null || !IsCurrent(record, properties.Value))
        {
            // Not processed yet, being processed, or processed for an earlier upload: the last known content, if any.
            return new BlobStatus(blobName, record?.RejectedHash ?? record?.ContentHash, BlobStatusKind.Pending, null, null, record?.Timestamp);
        }

        if (record.RejectedHash is not null)
        {
            return new BlobStatus(blobName, record.RejectedHash, BlobStatusKind.Rejected, IngestEntities.PostIdOf(record), record.RejectedReason, record.Timestamp);
        }

        if (MediaBlobName.IsMedia(blobName))
        {
            // An image is served with no post of its own (§11).
            return new BlobStatus(blobName, record.ContentHash, Media.MediaRecords.IsServed(record) ? BlobStatusKind.Served : BlobStatusKind.Pending, null, null, record.Timestamp);
        }

        var post = record.PostKey is { } key ? await store.FindAsync<PostEntity>(key, cancellationToken) : null;
        if (post is null || post.Blob != blobName)
        {
            // The record is ahead of a post that just left (a rename or a deletion being reconciled).
            return new BlobStatus(blobName, record.ContentHash, BlobStatusKind.Pending, null, null, record.Timestamp);
        }

        return new BlobStatus(blobName, record.ContentHash, post.Draft ? BlobStatusKind.Draft : BlobStatusKind.Served, post.Id, null, post.IngestedAt);
    }

    /// <summary>The record was written for the blob's current version: same ETag, or same MD5 (identical bytes uploaded again).</summary>
    private static bool IsCurrent(BlobEntity record, (ETag ETag, string? Md5) blob) =>
        record.BlobETag == blob.ETag.ToString() || (blob.Md5 is not null && blob.Md5 == record.BlobMd5);

    private async Task<(ETag ETag, string? Md5)?> PropertiesAsync(string blobName, CancellationToken cancellationToken)
    {
        if (!Names.BlobNames.IsUsable(blobName))
        {
            // No URL names it; its listing does.
            return await Names.ListedBlob.FindAsync(store.Posts, blobName, cancellationToken) is { } listed
                ? (listed.ETag, PostBlobs.Md5(listed.ContentHash))
                : null;
        }

        try
        {
            var properties = (await store.PostBlob(blobName).GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            return (properties.ETag, PostBlobs.Md5(properties.ContentHash));
        }
        catch (RequestFailedException error) when (error.Status == 404 && error.ErrorCode != "ContainerNotFound")
        {
            return null;
        }
    }
}
