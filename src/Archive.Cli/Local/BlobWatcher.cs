using Archive.Storage;
using Archive.Storage.Ingestion;
using Microsoft.Extensions.Options;

namespace Archive.Cli.Local;

/// <summary>
/// Stands in for the blob trigger (which needs the Functions host) and the reconcile timer: it
/// reconciles the container with the index every second or so, which ingests uploads and removes
/// deletions within the contract's 5 seconds. Storage being down is logged, not fatal.
/// </summary>
public sealed class BlobWatcher(ArchiveStore store, Reconciler reconciler, IOptions<WatchOptions> options, ILogger<BlobWatcher> logger)
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
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                if (!created)
                {
                    await store.EnsureCreatedAsync(stoppingToken);
                    created = true;
                }

                var recompute = DateTimeOffset.UtcNow - lastRecompute >= recomputeEvery;
                await reconciler.ReconcileAsync(recompute, stoppingToken);
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
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
