using Archive.Api.Http;
using Archive.Storage.Reading;
using Archive.Storage.Totals;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Archive.Api.Endpoints;

/// <summary>
/// Keeps the totals for <see cref="ApiOptions.ReadCacheSeconds"/> and response bodies by the
/// version they were built from: a reader is served from memory until something changes. Once half
/// that time has passed the totals are read again in the background, one read at a time, while
/// requests keep being answered from the snapshot in hand; only a snapshot older than twice that
/// time makes a request wait. So a change shows within about that many seconds (at most twice),
/// and under steady traffic no request waits for storage. Off (0) reads storage on every request.
/// </summary>
public sealed class ReadCache(PostReader reader, IOptions<ApiOptions> options, TimeProvider time) : IDisposable
{
    private readonly TimeSpan totalsLifetime = TimeSpan.FromSeconds(options.Value.ReadCacheSeconds);

    // Sized in bytes: a body is charged its length, so the cap holds whatever mix of bodies is asked for.
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.ReadCacheBytes), CompactionPercentage = 0.25, TrackStatistics = true });
    private readonly Lock gate = new();
    private CachedTotals? latest;
    private Task<TotalsSnapshot>? reading;

    private bool Enabled => totalsLifetime > TimeSpan.Zero;

    /// <summary>False when every <see cref="TotalsAsync"/> reads storage (the cache is off): the totals it gives are fresh.</summary>
    public bool KeepsTotals => Enabled;

    public async Task<TotalsSnapshot> TotalsAsync(CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return await reader.ReadTotalsAsync(cancellationToken);
        }

        var current = latest;
        var age = current is null ? TimeSpan.MaxValue : time.GetElapsedTime(current.ReadStartedAt);
        if (age < totalsLifetime / 2)
        {
            return current!.Snapshot;
        }

        var next = ReadAgain();
        return age < totalsLifetime * 2 ? current!.Snapshot : await next.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// The body for <paramref name="key"/> as of <paramref name="snapshot"/>'s version, built and
    /// serialized once per version (a post's body can be 100 KB); null when there is none.
    /// </summary>
    public Task<Utf8Json?> BodyAsync(string key, TotalsSnapshot snapshot, Func<Task<object?>> build) => BodyAsync(snapshot.ETag, key, build);

    /// <summary>As <see cref="BodyAsync(string, TotalsSnapshot, Func{Task{object}})"/>, for a body with a version of its own (one post's).</summary>
    public async Task<Utf8Json?> BodyAsync(string version, string key, Func<Task<object?>> build)
    {
        if (!Enabled)
        {
            return Utf8Json.From(await build());
        }

        var versioned = version + key;
        if (cache.TryGetValue(versioned, out Utf8Json? body))
        {
            return body;
        }

        body = Utf8Json.From(await build());
        cache.Set(versioned, body, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(5), Size = (body?.Bytes.Length ?? 0) + versioned.Length * 2L });
        return body;
    }

    /// <summary>Bytes the kept bodies are charged (their lengths and keys): never more than <see cref="ApiOptions.ReadCacheBytes"/>.</summary>
    public long CachedBytes => cache.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    /// <summary>Bodies asked for that had to be built (not kept, or dropped to stay under the cap).</summary>
    public long Misses => cache.GetCurrentStatistics()?.TotalMisses ?? 0;

    public void Dispose() => cache.Dispose();

    /// <summary>The read in flight, or a new one: never more than one at a time.</summary>
    private Task<TotalsSnapshot> ReadAgain()
    {
        lock (gate)
        {
            if (reading is null || reading.IsCompleted)
            {
                reading = ReadAsync();
            }

            return reading;
        }
    }

    private async Task<TotalsSnapshot> ReadAsync()
    {
        // Aged from before the read, so a snapshot is never older than its age says.
        var startedAt = time.GetTimestamp();
        var snapshot = await reader.ReadTotalsAsync(CancellationToken.None);
        latest = new CachedTotals(snapshot, startedAt);
        return snapshot;
    }

    private sealed record CachedTotals(TotalsSnapshot Snapshot, long ReadStartedAt);
}
