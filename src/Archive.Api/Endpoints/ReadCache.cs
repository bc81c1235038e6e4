using Archive.Storage.Reading;
using Archive.Storage.Totals;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Archive.Api.Endpoints;

/// <summary>
/// Keeps the totals for <see cref="ApiOptions.ReadCacheSeconds"/> and response bodies by the
/// version they were built from: a reader is served from memory until something changes, and a
/// change is seen within that many seconds. Off (0) reads storage on every request.
/// </summary>
public sealed class ReadCache(PostReader reader, IOptions<ApiOptions> options) : IDisposable
{
    private const int MaxBodies = 10_000;
    private readonly TimeSpan totalsLifetime = TimeSpan.FromSeconds(options.Value.ReadCacheSeconds);
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = MaxBodies + 1 });

    private bool Enabled => totalsLifetime > TimeSpan.Zero;

    public async Task<TotalsSnapshot> TotalsAsync(CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return await reader.ReadTotalsAsync(cancellationToken);
        }

        if (cache.TryGetValue("totals", out TotalsSnapshot? snapshot))
        {
            return snapshot!;
        }

        snapshot = await reader.ReadTotalsAsync(cancellationToken);
        cache.Set("totals", snapshot, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = totalsLifetime, Size = 1 });
        return snapshot;
    }

    /// <summary>The body for <paramref name="key"/> as of <paramref name="snapshot"/>'s version, built once per version.</summary>
    public async Task<T> BodyAsync<T>(string key, TotalsSnapshot snapshot, Func<Task<T>> build)
    {
        if (!Enabled)
        {
            return await build();
        }

        var versioned = snapshot.ETag + key;
        if (cache.TryGetValue(versioned, out T? body))
        {
            return body!;
        }

        body = await build();
        cache.Set(versioned, body, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(5), Size = 1 });
        return body;
    }

    public void Dispose() => cache.Dispose();
}
