using Archive.Storage;
using Archive.Storage.Totals;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Archive.Functions;

/// <summary>
/// Creates what the app needs at start, if missing: the containers, the table and the blob-events
/// queue (a fresh Azurite has none of them). Storage that does not answer does not stop the app:
/// <c>/api/health</c> says 503 and the triggers retry. Totals left in the unsharded layout by an
/// earlier version are recomputed.
/// </summary>
public sealed class StorageInitializer(ArchiveStore store, TotalsRecomputer recomputer, IConfiguration configuration, ILogger<StorageInitializer> logger)
    : IHostedService
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Budget);
        try
        {
            await store.EnsureCreatedAsync(timeout.Token);
            if (EventsQueueClient() is { } queue)
            {
                await queue.CreateIfNotExistsAsync(cancellationToken: timeout.Token);
            }

            if ((await store.ReadTotalsAsync(timeout.Token)).Legacy.Count > 0)
            {
                logger.LogWarning("Totals of an earlier layout found: recomputing them");
                await recomputer.RecomputeAsync(timeout.Token);
            }
        }
        catch (Exception error) when (StorageFailure.Is(error) || error is Azure.RequestFailedException or Azure.Identity.AuthenticationFailedException or OperationCanceledException)
        {
            // Storage down, or refusing the app's identity (a role not yet assigned): the app still starts and says so.
            logger.LogError(error, "Could not create the storage Archive needs; /api/health answers 503 until it exists");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Locally the connection string names the queue endpoint; in Azure the queue is provisioned (infra/), and the identity needs no more.</summary>
    private QueueClient? EventsQueueClient() =>
        StorageConnection.From(configuration, StorageServiceCollectionExtensions.ConnectionName).ConnectionString is { } connection
            ? new QueueClient(connection, FunctionsApp.EventsQueue(configuration))
            : null;
}
