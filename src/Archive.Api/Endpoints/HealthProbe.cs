using Archive.Storage;
using Archive.Storage.Reading;
using Archive.Storage.Totals;
using Microsoft.Extensions.Options;

namespace Archive.Api.Endpoints;

/// <summary>
/// The health check's read of storage, shared for a second: <c>/api/health</c> is public and never
/// cached by clients, so without this anyone could drive storage load with it. One read at a time;
/// its outcome (the totals, or the failure) answers every request of that second. It follows
/// <see cref="ApiOptions.ReadCacheSeconds"/> below a second, so 0 turns it off like the read cache.
/// </summary>
public sealed class HealthProbe(PostReader reader, ArchiveStore store, TimeProvider time, IOptions<ApiOptions> options)
{
    private readonly TimeSpan lifetime = TimeSpan.FromSeconds(Math.Min(1, options.Value.ReadCacheSeconds));
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
    private readonly Lock gate = new();
    private Task<TotalsSnapshot>? reading;
    private DateTimeOffset startedAt;

    public Task<TotalsSnapshot> ReadAsync()
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

    private async Task<TotalsSnapshot> ReadWithTimeoutAsync()
    {
        // Not tied to one request: the read answers everyone who asks within the second.
        using var timeout = new CancellationTokenSource(Timeout);
        var totals = reader.ReadTotalsAsync(timeout.Token);
        var posts = store.Posts.ExistsAsync(timeout.Token);
        var content = store.Content.ExistsAsync(timeout.Token);
        await Task.WhenAll(totals, posts, content);
        foreach (var (exists, name) in new[] { ((await posts).Value, store.Posts.Name), ((await content).Value, store.Content.Name) })
        {
            if (!exists)
            {
                throw new StorageMissingException($"Storage answers, but the container '{name}' is missing (nothing has created it yet).");
            }
        }

        return await totals;
    }
}

/// <summary>Storage answers, but part of what the archive needs was never created.</summary>
public sealed class StorageMissingException(string message) : Exception(message);
