using System.Globalization;
using Archive.Api.Http;
using Archive.Storage;
using Archive.Storage.Media;
using Archive.Storage.Tables;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Archive.Api.Endpoints;

/// <summary>
/// <c>GET /api/media/{*name}</c> (§11): an image's served copy or one of its variants, from the
/// content container (the storage account allows no anonymous reads). A blob's record is read at
/// most once per <see cref="ApiOptions.ReadCacheSeconds"/> per name; copies are immutable by
/// version, so their bytes are kept in memory up to <see cref="MediaCacheBytes"/>.
/// </summary>
public sealed class MediaEndpoints(ArchiveStore store, IOptions<ApiOptions> options) : IDisposable
{
    public const long MediaCacheBytes = 64L * 1024 * 1024;

    /// <summary>A year: a URL that carries the version names bytes that never change.</summary>
    public const string Immutable = "public, max-age=31536000, immutable";

    /// <summary>Nothing in a served image may run or load anything, even opened on its own (an SVG's script, say).</summary>
    public const string Policy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

    private const int MaxRecordsKept = 10_000;

    private readonly MemoryCache records = new(new MemoryCacheOptions { SizeLimit = MaxRecordsKept });
    private readonly MemoryCache copies = new(new MemoryCacheOptions { SizeLimit = MediaCacheBytes });

    public void Dispose()
    {
        records.Dispose();
        copies.Dispose();
    }

    public async Task<IResult> GetAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var name = call.BlobName;
        var invalid = new InvalidValue();
        var version = ListQueryParser.OneValue(call.Request.Query, "v", invalid);
        var widthText = ListQueryParser.OneValue(call.Request.Query, "w", invalid);
        if (invalid.Message is { } error)
        {
            return ApiProblem.BadRequest(error);
        }

        if (await RecordAsync(name, cancellationToken) is not { } record || !MediaRecords.IsServed(record))
        {
            return ApiProblem.NotFound($"There is no image '{Shorten(name)}'.");
        }

        var current = record.MediaVersion!;
        string file, type, etag;
        if (widthText is null)
        {
            (file, type, etag) = (MediaRecords.ServedFile(name, current), record.MediaType!, $"\"{current}\"");
        }
        else if (int.TryParse(widthText, NumberStyles.None, CultureInfo.InvariantCulture, out var width) && MediaRecords.Variants(record).Any(v => v.Width == width))
        {
            (file, type, etag) = (MediaRecords.VariantFile(name, current, width), "image/webp", $"\"{current}-w{width}\"");
        }
        else
        {
            return ApiProblem.NotFound($"Image '{Shorten(name)}' has no variant {Shorten(widthText)} pixels wide; its variants are {(record.MediaVariants is { Length: > 0 } v ? v : "none")}.");
        }

        // An old version asked for gets the current bytes, cached briefly: a page written before the change still shows the image.
        var cacheControl = version == current ? Immutable : JsonResponse.PublicCache(options.Value.CacheMaxAgeSeconds);
        var headers = call.Request.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = Policy;
        if (JsonResponse.NotModified(call.Request, etag, cacheControl) is { } notModified)
        {
            return notModified;
        }

        var bytes = await CopyAsync(file, cancellationToken);
        if (bytes is null)
        {
            // The record is ahead of its copies (a new version being stored) or they are gone: the next request reads the record again.
            records.Remove(name);
            return ApiProblem.NotFound($"Image '{Shorten(name)}' is being stored again; try again shortly.");
        }

        headers.ETag = etag;
        headers.CacheControl = cacheControl;
        return Results.Bytes(bytes, type);
    }

    private async Task<BlobEntity?> RecordAsync(string name, CancellationToken cancellationToken)
    {
        if (records.TryGetValue(name, out BlobEntity? kept))
        {
            return kept;
        }

        var record = await store.FindAsync<BlobEntity>(RowKeys.Blob(name), cancellationToken);
        records.Set(name, record, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(Math.Max(options.Value.ReadCacheSeconds, 0.1)) });
        return record;
    }

    private async Task<byte[]?> CopyAsync(string file, CancellationToken cancellationToken)
    {
        if (copies.TryGetValue(file, out byte[]? kept))
        {
            return kept;
        }

        try
        {
            var bytes = (await store.Content.GetBlobClient(file).DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
            copies.Set(file, bytes, new MemoryCacheEntryOptions { Size = bytes.Length, SlidingExpiration = TimeSpan.FromMinutes(10) });
            return bytes;
        }
        catch (RequestFailedException error) when (error.Status == 404 && error.ErrorCode != "ContainerNotFound")
        {
            return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
