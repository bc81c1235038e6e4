using Archive.Media;
using Archive.Storage.Ingestion;
using Archive.Storage.Tables;
using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Archive.Storage.Media;

/// <summary>What an image blob's ingest came to; a rejection and a removal are the ingestor's (one rule for posts and images).</summary>
internal sealed record MediaStep(IngestResult? Done, BlobEntity? Record = null, BlobVersion? Seen = null, string? Rejection = null, bool Quarantine = false)
{
    public static readonly MediaStep Gone = new((IngestResult?)null);
}

/// <summary>
/// One image blob into the archive (§11): read within the size limit (never more is downloaded),
/// processed once per version (<see cref="ImageProcessor"/>), its copies stored in the content
/// container, and its record written: served with no post id. Marked before processing, as
/// posts are before parsing, so that an image that kills the process is quarantined.
/// </summary>
public sealed class MediaIngestor(ArchiveStore store, IngestAttempts attempts, ImageProcessor processor, LostRaces races, IOptions<MediaOptions> options, ILogger<MediaIngestor> logger)
{
    internal async Task<MediaStep> IngestAsync(string blobName, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        if (await DownloadAsync(blobName, limits.MaxMediaBytes, cancellationToken) is not { } download)
        {
            return MediaStep.Gone;
        }

        var (blob, length) = download;
        if (length > limits.MaxMediaBytes)
        {
            var record = await store.FindAsync<BlobEntity>(RowKeys.Blob(blobName), cancellationToken);
            return new MediaStep(null, record, blob.Seen with { Hash = "size:" + blob.Seen.ETag }, $"image is {length} bytes, over the size limit of {limits.MaxMediaBytes} bytes");
        }

        var hash = blob.Seen.Hash;
        var version = MediaRecords.Version(hash, limits.KeepImageMetadata);
        return await races.RunAsync("media", blobName, async attempt =>
        {
            var record = await store.FindAsync<BlobEntity>(RowKeys.Blob(blobName), cancellationToken);
            if (record is { RejectedHash: null } && record.MediaVersion == version && record.Rendering == ImageProcessor.Version)
            {
                return new MediaStep(new IngestResult(blobName, IngestOutcome.Unchanged));
            }

            if (IngestAttempts.IsQuarantined(record, hash))
            {
                return new MediaStep(null, record, blob.Seen, attempts.QuarantineReason, Quarantine: true);
            }

            var marked = await attempts.BeginAsync(blobName, record, hash, cancellationToken) ?? throw attempt.Lost();
            var processed = await processor.ProcessAsync(blob.Bytes, cancellationToken);
            if (processed.Image is not { } image)
            {
                return new MediaStep(null, marked, blob.Seen, processed.Rejection);
            }

            await UploadAsync(blobName, version, image, cancellationToken);
            var updated = IngestEntities.Good(marked, blobName, blob.Seen);
            updated.PostKey = null;
            updated.MediaType = image.ContentType;
            updated.MediaWidth = image.Width;
            updated.MediaHeight = image.Height;
            updated.MediaBytes = image.Served.Length;
            updated.MediaVersion = version;
            updated.MediaVariants = MediaRecords.VariantsText(image.Variants);
            var transaction = new TableTransaction();
            IngestEntities.ForgetRejection(transaction, blobName, marked);
            transaction.Put(updated);
            await attempt.SubmitAsync(transaction, store.Table, cancellationToken);
            if (marked.MediaVersion is { } old && old != version)
            {
                await DeleteCopiesAsync(blobName, old, cancellationToken);
            }

            logger.LogInformation(
                "Ingested image {Blob}: {Type} {Width}×{Height}, {Bytes} bytes served, {Variants} variants",
                blobName, image.ContentType, image.Width, image.Height, image.Served.Length, image.Variants.Count);
            return new MediaStep(new IngestResult(blobName, marked.MediaVersion is null ? IngestOutcome.Added : IngestOutcome.Updated));
        }, cancellationToken);
    }

    /// <summary>An image's served copies removed (its blob is gone, or a new version replaced them). Only space is lost if this fails.</summary>
    public async Task DeleteCopiesAsync(string blobName, string version, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var copy in store.Content.GetBlobsAsync(BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, MediaRecords.Folder(blobName, version), cancellationToken))
            {
                await store.Content.DeleteBlobIfExistsAsync(copy.Name, cancellationToken: cancellationToken);
            }
        }
        catch (RequestFailedException error)
        {
            logger.LogWarning(error, "Could not delete the copies of image {Blob} version {Version}", blobName, version);
        }
    }

    private async Task UploadAsync(string blobName, string version, ProcessedImage image, CancellationToken cancellationToken)
    {
        // Immutable by name (version): an upload that races another writes the same bytes.
        await Upload(MediaRecords.ServedFile(blobName, version), image.Served, image.ContentType, cancellationToken);
        foreach (var variant in image.Variants)
        {
            await Upload(MediaRecords.VariantFile(blobName, version, variant.Width), variant.Webp, "image/webp", cancellationToken);
        }
    }

    private async Task Upload(string name, byte[] bytes, string contentType, CancellationToken cancellationToken) =>
        await store.Content.GetBlobClient(name).UploadAsync(
            BinaryData.FromBytes(bytes),
            new Azure.Storage.Blobs.Models.BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } },
            cancellationToken);

    /// <summary>At most one byte past the limit is downloaded: enough to know it is over. Null when the blob is gone.</summary>
    private async Task<(DownloadedBlob Blob, long Length)?> DownloadAsync(string blobName, int maxBytes, CancellationToken cancellationToken)
    {
        BlobDownloadResult download;
        try
        {
            download = (await store.PostBlob(blobName).DownloadContentAsync(
                new BlobDownloadOptions { Range = new HttpRange(0, maxBytes + 1L) }, cancellationToken)).Value;
        }
        catch (RequestFailedException error) when (error.Status == 404 && error.ErrorCode != "ContainerNotFound")
        {
            return null;
        }
        catch (RequestFailedException error) when (error.Status == 416)
        {
            // An empty blob: no range of it exists.
            var empty = await store.PostBlob(blobName).GetPropertiesAsync(cancellationToken: cancellationToken);
            var seen = new BlobVersion(Core.Parsing.ContentHash.Of([]), empty.Value.ETag.ToString(), PostBlobs.Md5(empty.Value.ContentHash));
            return (new DownloadedBlob(ReadOnlyMemory<byte>.Empty, seen, empty.Value.LastModified), 0);
        }

        var bytes = download.Content.ToMemory();
        var length = download.Details.ContentLength > 0 && download.Details.ContentRange is { } range && range.LastIndexOf('/') is var slash and > 0
            && long.TryParse(range.AsSpan(slash + 1), out var total) ? total : bytes.Length;
        var version = new BlobVersion(Core.Parsing.ContentHash.Of(bytes.Span), download.Details.ETag.ToString(), PostBlobs.Md5(download.Details.BlobContentHash ?? download.Details.ContentHash));
        return (new DownloadedBlob(bytes, version, download.Details.LastModified), length);
    }
}
