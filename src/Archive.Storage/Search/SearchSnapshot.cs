using System.IO.Compression;
using System.Text.Json;
using Azure;
using Microsoft.Extensions.Logging;

namespace Archive.Storage.Search;

/// <summary>
/// The texts the search index was built from, saved in one compressed blob beside the content, so
/// that a cold instance reads one blob instead of every post's content blob. Each text is kept with
/// the post's version: a cold instance uses only those still current and reads the rest, so a stale
/// snapshot costs reads, never a wrong answer. Any instance may write it (the last write wins: every
/// snapshot is right for the versions it names).
/// </summary>
public sealed class SearchSnapshot(ArchiveStore store, ILogger<SearchSnapshot> logger)
{
    /// <summary>Post ids never hold '~', so no post's content is ever named so (and the content sweeper leaves it).</summary>
    public const string BlobName = "~search/texts.json.gz";

    /// <summary>A post's text as saved, with the version it was indexed at.</summary>
    public sealed record Saved(string Key, string Version, string Text);

    public async Task<Dictionary<string, Saved>> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var download = await store.Content.GetBlobClient(BlobName).DownloadStreamingAsync(cancellationToken: cancellationToken);
            await using var unzipped = new GZipStream(download.Value.Content, CompressionMode.Decompress);
            var entries = await JsonSerializer.DeserializeAsync<List<Entry>>(unzipped, cancellationToken: cancellationToken) ?? [];
            return entries.ToDictionary(e => e.K, e => new Saved(e.K, e.V, e.T), StringComparer.Ordinal);
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            return new(StringComparer.Ordinal);
        }
        catch (Exception error) when (error is JsonException or InvalidDataException)
        {
            logger.LogWarning(error, "The search snapshot could not be read; the index is built from the posts' content");
            return new(StringComparer.Ordinal);
        }
    }

    public async Task WriteAsync(IEnumerable<Saved> texts, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var zipped = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            await JsonSerializer.SerializeAsync(zipped, texts.Select(t => new Entry(t.Key, t.Version, t.Text)), cancellationToken: cancellationToken);
        }

        buffer.Position = 0;
        await store.Content.GetBlobClient(BlobName).UploadAsync(buffer, overwrite: true, cancellationToken);
    }

    private sealed record Entry(string K, string V, string T);
}
