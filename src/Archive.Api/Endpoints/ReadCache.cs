using Archive.Api.Http;
using Archive.Storage;
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
/// time makes a request wait, and then for <see cref="LongestWait"/> at most. So a change shows
/// within about that many seconds (at most twice), and under steady traffic no request waits for
/// storage. Throttled is not down: when storage refuses or is slow, what the instance holds is
/// served (<see cref="HeldFor"/> gives the <c>Age</c> header), reads are tried again with growing
/// pauses (or as the service asked, <c>Retry-After</c>), and <c>/api/health</c> says
/// <c>degraded</c> with the cause. This instance's own writes (an ingest, a reindex) are followed at
/// once: the next request waits for a read begun after them. Off (0) reads storage on every request.
/// </summary>
public sealed class ReadCache(PostReader reader, StorageProblems problems, LocalWrites writes, IOptions<ApiOptions> options, TimeProvider time) : IDisposable
{
    public const string ProblemSource = "reads";

    /// <summary>How long a request waits for a read when what it would otherwise get is old; then it gets that.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(30);

    private readonly TimeSpan totalsLifetime = TimeSpan.FromSeconds(options.Value.ReadCacheSeconds);

    // Sized in bytes: a body is charged its length, so the cap holds whatever mix of bodies is asked for.
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.ReadCacheBytes), CompactionPercentage = 0.25, TrackStatistics = true });
    private readonly Lock gate = new();
    private CachedTotals? latest;
    private Task<TotalsSnapshot>? reading;
    private long readingFrom;
    private int failures;
    private long retryAt;

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
        var behindOwnWrites = current is not null && current.WritesSeen != writes.Count;
        if (age < totalsLifetime / 2 && !behindOwnWrites)
        {
            return current!.Snapshot;
        }

        var next = ReadAgain();
        if (current is null)
        {
            return await next.WaitAsync(cancellationToken);
        }

        if (age < totalsLifetime * 2 && !behindOwnWrites)
        {
            return current.Snapshot;
        }

        try
        {
            return await next.WaitAsync(LongestWait, time, cancellationToken);
        }
        catch (Exception error) when (error is TimeoutException || StorageFailure.Is(error))
        {
            return current.Snapshot;
        }
    }

    /// <summary>
    /// How old what this instance serves is, while storage refuses or is slow to give it newer
    /// (older than twice the lifetime, and the last read failed or is late); null when it is fresh.
    /// </summary>
    public TimeSpan? HeldFor()
    {
        if (!Enabled || latest is not { } current)
        {
            return null;
        }

        var age = time.GetElapsedTime(current.ReadStartedAt);
        return age >= totalsLifetime * 2 && (failures > 0 || reading is { IsCompleted: false }) ? age : null;
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

    /// <summary>Says on a response how old what it is built from is (<c>Age</c>, RFC 9111 §5.1), while this instance serves what it holds.</summary>
    public void MarkAge(Microsoft.AspNetCore.Http.HttpResponse response)
    {
        if (HeldFor() is { } held)
        {
            response.Headers.Age = ((long)held.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Bytes the kept bodies are charged (their lengths and keys): never more than <see cref="ApiOptions.ReadCacheBytes"/>.</summary>
    public long CachedBytes => cache.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    /// <summary>Bodies asked for that had to be built (not kept, or dropped to stay under the cap).</summary>
    public long Misses => cache.GetCurrentStatistics()?.TotalMisses ?? 0;

    public void Dispose() => cache.Dispose();

    /// <summary>
    /// The read in flight, or a new one once the pause after a failure is over: never more than one
    /// at a time, but for one begun before this instance's last write, which may not show it.
    /// </summary>
    private Task<TotalsSnapshot> ReadAgain()
    {
        lock (gate)
        {
            var written = writes.Count;
            var paused = failures > 0 && time.GetTimestamp() < retryAt;
            if (reading is null || (!paused && (reading.IsCompleted || readingFrom != written)))
            {
                readingFrom = written;
                reading = ReadAsync(written);
            }

            return reading;
        }
    }

    private async Task<TotalsSnapshot> ReadAsync(long written)
    {
        // Aged from before the read, so a snapshot is never older than its age says.
        var startedAt = time.GetTimestamp();
        try
        {
            var snapshot = await reader.ReadTotalsAsync(CancellationToken.None);
            lock (gate)
            {
                // Two reads may overlap (one begun after a write): the later begun is kept.
                if (latest is null || latest.ReadStartedAt <= startedAt)
                {
                    latest = new CachedTotals(snapshot, startedAt, written);
                }
            }

            failures = 0;
            problems.Clear(ProblemSource);
            return snapshot;
        }
        catch (Exception error) when (StorageFailure.Is(error))
        {
            // Pauses double from the lifetime to 30 s, or last what the service asked: a throttled table is not asked again at once.
            failures++;
            var pause = StorageFailure.RetryAfter(error) ?? TimeSpan.FromTicks(Math.Min(LongestPause.Ticks, Math.Max(totalsLifetime.Ticks, TimeSpan.TicksPerSecond) << Math.Min(failures - 1, 5)));
            retryAt = time.GetTimestamp() + (long)(pause.TotalSeconds * time.TimestampFrequency);
            problems.Report(ProblemSource, $"storage refused or did not answer the last {failures} reads ({StorageFailure.Describe(error)}); serving what this instance read {(latest is { } held ? $"{time.GetElapsedTime(held.ReadStartedAt).TotalSeconds:0} s ago" : "never")}");
            throw;
        }
    }

    private sealed record CachedTotals(TotalsSnapshot Snapshot, long ReadStartedAt, long WritesSeen);
}
