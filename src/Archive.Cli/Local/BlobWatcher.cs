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
        string? reconciledListing = null;
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
                // One listing a tick; the reconciler (which reads every blob record) runs only when
                // the listing changed, so an idle stack leaves storage free for readers.
                var listing = await ListingFingerprintAsync(stoppingToken);
                if (recompute || listing != reconciledListing)
                {
                    await reconciler.ReconcileAsync(recompute, stoppingToken);
                    reconciledListing = listing;
                }

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
                    reconciledListing = null;
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<string> ListingFingerprintAsync(CancellationToken cancellationToken)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        await foreach (var blob in store.Posts.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(blob.Name + "\n" + blob.Properties.ETag + "\n"));
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
