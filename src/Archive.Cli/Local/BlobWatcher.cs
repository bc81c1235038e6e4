using Archive.Storage;
using Archive.Storage.Ingestion;
using Microsoft.Extensions.Options;

namespace Archive.Cli.Local;

/// <summary>
/// Stands in for the blob trigger (which needs the Functions host) and the reconcile timer: it
/// lists the container every second or so and reconciles what changed since the last listing, which
/// ingests uploads and removes deletions within the contract's 5 seconds. Listing a large container is
/// costly for the emulator (about 1.5 s for 10,000 blobs on Azurite), so the watcher rests at least
/// as long as its last listing took: it never keeps storage busier than half the time. Storage
/// being down is logged, not fatal.
/// </summary>
public sealed class BlobWatcher(ArchiveStore store, ListingWatch watch, IOptions<WatchOptions> options, ILogger<BlobWatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.WatchIntervalSeconds);
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        var recomputeEvery = TimeSpan.FromMinutes(options.Value.RecomputeIntervalMinutes);
        var lastRecompute = DateTimeOffset.MinValue;
        var wasFailing = false;
        var created = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var rest = interval;
            try
            {
                if (!created)
                {
                    await store.EnsureCreatedAsync(stoppingToken);
                    created = true;
                }

                var recompute = DateTimeOffset.UtcNow - lastRecompute >= recomputeEvery;
                var (_, listed) = await watch.StepAsync(recompute, stoppingToken);
                rest = listed > interval ? listed : interval;

                if (recompute)
                {
                    lastRecompute = DateTimeOffset.UtcNow;
                }

                if (wasFailing)
                {
                    logger.LogInformation("Storage answers again; watching the posts container");
                    wasFailing = false;
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                if (!wasFailing)
                {
                    logger.LogWarning("Cannot reach storage ({Message}); retrying every {Interval}", error.Message, interval);
                    wasFailing = true;
                    created = false;
                }
            }

            try
            {
                await Task.Delay(rest, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
