using Archive.Storage.Ingestion;
using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Archive.Functions;

/// <summary>
/// Blob triggers, the blob-events queue and the reconcile timer. A rejected post completes its
/// invocation (it is recorded; retrying cannot help); a storage failure throws, so the runtime
/// retries. Two blob triggers share the ingestor: Flex Consumption delivers blob events only
/// through Event Grid, while Azurite and Core Tools poll. Each deployment disables the one it
/// cannot use (app setting <c>AzureWebJobs.IngestPostPolling.Disabled</c> or
/// <c>AzureWebJobs.IngestPostEventGrid.Disabled</c>). Blob triggers never fire on delete: in Azure
/// an Event Grid subscription puts <c>BlobDeleted</c> events on a queue, read by <see cref="IngestBlobEvent"/>.
/// Under Core Tools <see cref="WatchPosts"/> lists the container every few seconds, for what the
/// polling trigger missed and for deletions; Azure disables it (<c>AzureWebJobs.WatchPosts.Disabled</c>).
/// </summary>
public sealed class IngestionFunctions(Ingestor ingestor, BlobEventIngestor events, Reconciler reconciler, ListingWatch watch, ILogger<IngestionFunctions> logger)
{
    public const string PostsPath = "%Archive:PostsContainer%/{name}";
    public const string EventsQueue = "%" + FunctionsApp.EventsQueueSetting + "%";

    // Bound to a client, not to the bytes: the ingestor downloads the blob once, with its ETag and date.
    [Function("IngestPostEventGrid")]
    public Task IngestFromEventGrid(
        [BlobTrigger(PostsPath, Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")] BlobClient blob,
        CancellationToken cancellationToken) =>
        IngestAsync(blob.Name, cancellationToken);

    [Function("IngestPostPolling")]
    public Task IngestFromPolling(
        [BlobTrigger(PostsPath, Source = BlobTriggerSource.LogsAndContainerScan, Connection = "AzureWebJobsStorage")] BlobClient blob,
        CancellationToken cancellationToken) =>
        IngestAsync(blob.Name, cancellationToken);

    [Function("IngestBlobEvent")]
    public async Task IngestBlobEvent(
        [QueueTrigger(EventsQueue, Connection = "AzureWebJobsStorage")] string message,
        CancellationToken cancellationToken)
    {
        foreach (var result in await events.IngestAsync(message, cancellationToken))
        {
            logger.LogInformation("{Blob}: {Outcome} {Reason} (blob event)", Archive.Storage.Names.BlobNames.Printable(result.Blob), result.Outcome, result.Reason);
        }
    }

    [Function("Reconcile")]
    public async Task Reconcile([TimerTrigger("%Archive:ReconcileSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var report = await reconciler.ReconcileAsync(recomputeTotals: true, cancellationToken);
        logger.LogInformation("Reconcile: {Added} added, {Updated} updated, {Removed} removed, {Rejected} rejected", report.Added, report.Updated, report.Removed, report.Rejected);
    }

    [Function("WatchPosts")]
    public async Task WatchPosts([TimerTrigger("%Archive:WatchSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var (report, _) = await watch.StepAsync(recomputeTotals: false, cancellationToken);
        if (report.Added + report.Updated + report.Removed + report.Rejected > 0)
        {
            logger.LogInformation("Watch: {Added} added, {Updated} updated, {Removed} removed, {Rejected} rejected", report.Added, report.Updated, report.Removed, report.Rejected);
        }
    }

    private async Task IngestAsync(string name, CancellationToken cancellationToken)
    {
        var result = await ingestor.IngestAsync(name, cancellationToken);
        logger.LogInformation("{Blob}: {Outcome} {Reason}", Archive.Storage.Names.BlobNames.Printable(name), result.Outcome, result.Reason);
    }
}
