using Archive.Storage;
using Archive.Storage.Totals;
using Microsoft.Extensions.Options;

namespace Archive.Api.Endpoints;

/// <summary>
/// The health check, shared for a second: <c>/api/health</c> is public and never cached by
/// clients, so without this anyone could drive storage load with it. The totals come from the read
/// cache (no read of their own: the cache's freshness read serves both), and whether each
/// container exists is asked once a second at most; the outcome answers every request of that
/// second. It follows <see cref="ApiOptions.ReadCacheSeconds"/> below a second, so 0 turns it off
/// like the read cache. What the instance cannot do while it serves what it holds is in
/// <see cref="HealthReport.Problems"/> (§4: <c>degraded</c>).
/// </summary>
public sealed class HealthProbe(ReadCache cache, ArchiveStore store, StorageProblems problems, TimeProvider time, IOptions<ApiOptions> options)
{
    private readonly TimeSpan lifetime = TimeSpan.FromSeconds(Math.Min(1, options.Value.ReadCacheSeconds));
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
    private readonly Lock gate = new();
    private Task<HealthReport>? reading;
    private DateTimeOffset startedAt;

    public Task<HealthReport> ReadAsync()
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (reading is null || now - startedAt >= lifetime)
            {
                startedAt = now;
                reading = ReadWithTimeoutAsync();
            }

            return reading;
        }
    }

    private async Task<HealthReport> ReadWithTimeoutAsync()
    {
        // Not tied to one request: the read answers everyone who asks within the second.
        using var timeout = new CancellationTokenSource(Timeout);
        var totals = cache.TotalsAsync(timeout.Token);
        var containers = ContainersAsync(timeout.Token);
        var snapshot = await totals;
        var found = problems.Current.ToList();
        try
        {
            await containers;
        }
        catch (Exception error) when (StorageFailure.Is(error) || error is OperationCanceledException)
        {
            found.Add($"storage did not say whether the containers exist ({StorageFailure.Describe(error)})");
        }

        return new HealthReport(snapshot, found);
    }

    private async Task ContainersAsync(CancellationToken cancellationToken)
    {
        var posts = store.Posts.ExistsAsync(cancellationToken);
        var content = store.Content.ExistsAsync(cancellationToken);
        foreach (var (exists, name) in new[] { ((await posts).Value, store.Posts.Name), ((await content).Value, store.Content.Name) })
        {
            if (!exists)
            {
                throw new StorageMissingException($"Storage answers, but the container '{name}' is missing (nothing has created it yet).");
            }
        }
    }
}

/// <summary>The totals the instance serves, and what it cannot do right now (empty: ok).</summary>
public sealed record HealthReport(TotalsSnapshot Totals, IReadOnlyList<string> Problems);

/// <summary>Storage answers, but part of what the archive needs was never created.</summary>
public sealed class StorageMissingException(string message) : Exception(message);
