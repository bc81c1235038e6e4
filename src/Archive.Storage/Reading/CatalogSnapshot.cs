using System.IO.Compression;
using System.Text.Json;
using Archive.Core.Stored;
using Archive.Storage.Totals;
using Azure;
using Microsoft.Extensions.Logging;

namespace Archive.Storage.Reading;

/// <summary>
/// The catalog as of a version of every shard, saved as one gzipped JSON blob beside the content,
/// so that a cold instance starts with one download and one read of the change log instead of
/// one request per 1,000 posts. Written only by an instance that had to read the posts (at least
/// <see cref="PostReader.MostEntriesFollowed"/> of them), never by every instance. Any snapshot is
/// right for the versions it names: following the log from there gives the archive as it is, so
/// the last write wins and an old one costs a longer read of the log, or a load from the posts
/// when it is older than the log keeps (docs/storage.md).
/// </summary>
public sealed class CatalogSnapshot(ArchiveStore store, ILogger<CatalogSnapshot> logger)
{
    /// <summary>Post ids never hold '~', so the content sweeper leaves it; the number is the layout.</summary>
    public const string BlobName = "~catalog/catalog-1.json.gz";

    /// <summary>Far above any archive this serves (1 KB a post): a blob larger than this is not one of ours.</summary>
    private const long MostBytes = 512L * 1024 * 1024;

    /// <summary>The saved catalog and the heads it is at; null when there is none or it cannot be read (then the posts are read).</summary>
    public async Task<(PostCatalog Catalog, IReadOnlyDictionary<int, ShardHead> Heads)?> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var download = await store.Content.GetBlobClient(BlobName).DownloadStreamingAsync(cancellationToken: cancellationToken);
            using var response = download.Value;
            if (response.Details.ContentLength > MostBytes)
            {
                throw new InvalidDataException($"{response.Details.ContentLength} bytes, more than a catalog is");
            }

            await using var json = new GZipStream(response.Content, CompressionMode.Decompress);
            var saved = await JsonSerializer.DeserializeAsync<Saved>(json, ArchiveJson.Options, cancellationToken)
                ?? throw new InvalidDataException("empty");
            var posts = saved.Posts.Select(p => new IndexedPost(p.Key, p.Summary, p.DateTicks) { Blob = p.Blob, ContentHash = p.ContentHash, ContentBlob = p.ContentBlob }).ToList();
            return (new PostCatalog(posts), saved.Heads);
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            return null;
        }
        catch (Exception error) when (error is IOException or InvalidDataException or JsonException)
        {
            logger.LogWarning(error, "The saved catalog ({Blob}) could not be read; the catalog is read from the posts", BlobName);
            return null;
        }
    }

    /// <summary>Saves <paramref name="catalog"/> as of <paramref name="heads"/>; a failure is logged, never thrown (the next loader saves again).</summary>
    public async Task SaveAsync(PostCatalog catalog, IReadOnlyDictionary<int, ShardHead> heads, CancellationToken cancellationToken)
    {
        try
        {
            using var buffer = new MemoryStream();
            await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            {
                var posts = catalog.Posts.Select(p => new SavedPost(p.Key, p.Summary, p.DateTicks, p.Blob, p.ContentHash, p.ContentBlob)).ToList();
                await JsonSerializer.SerializeAsync(gzip, new Saved(heads, posts), ArchiveJson.Options, cancellationToken);
            }

            buffer.Position = 0;
            await store.Content.GetBlobClient(BlobName).UploadAsync(buffer, overwrite: true, cancellationToken);
            logger.LogInformation("Saved the catalog of {Posts} posts ({Bytes} bytes)", catalog.Count, buffer.Length);
        }
        catch (Exception error) when (StorageFailure.Is(error) || error is RequestFailedException or IOException)
        {
            logger.LogWarning(error, "The catalog could not be saved; a cold instance reads the posts");
        }
    }

    private sealed record Saved(IReadOnlyDictionary<int, ShardHead> Heads, IReadOnlyList<SavedPost> Posts);

    private sealed record SavedPost(string Key, StoredSummary Summary, long? DateTicks, string Blob, string ContentHash, string ContentBlob);
}
