using Archive.Storage.Ingestion;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Archive.Functions;

/// <summary>
/// Blob triggers and the reconcile timer. A rejected post completes its invocation (it is
/// recorded; retrying cannot help); a storage failure throws, so the runtime retries.
/// Two blob triggers share the ingestor: Flex Consumption delivers blob events only through
/// Event Grid, while Azurite and Core Tools poll. Each deployment disables the one it cannot use
/// (app setting <c>AzureWebJobs.IngestPostPolling.Disabled</c> or <c>AzureWebJobs.IngestPostEventGrid.Disabled</c>).
/// </summary>
public sealed class IngestionFunctions(Ingestor ingestor, Reconciler reconciler, ILogger<IngestionFunctions> logger)
{
    public const string PostsPath = "%Archive:PostsContainer%/{name}";

    [Function("IngestPostEventGrid")]
    public Task IngestFromEventGrid(
        [BlobTrigger(PostsPath, Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")] byte[] content,
        string name,
        CancellationToken cancellationToken) =>
        IngestAsync(name, cancellationToken);

    [Function("IngestPostPolling")]
    public Task IngestFromPolling(
        [BlobTrigger(PostsPath, Source = BlobTriggerSource.LogsAndContainerScan, Connection = "AzureWebJobsStorage")] byte[] content,
        string name,
        CancellationToken cancellationToken) =>
        IngestAsync(name, cancellationToken);

    [Function("Reconcile")]
    public async Task Reconcile([TimerTrigger("%Archive:ReconcileSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var report = await reconciler.ReconcileAsync(recomputeTotals: true, cancellationToken);
        logger.LogInformation("Reconcile: {Added} added, {Updated} updated, {Removed} removed, {Rejected} rejected", report.Added, report.Updated, report.Removed, report.Rejected);
    }

    private async Task IngestAsync(string name, CancellationToken cancellationToken)
    {
        // The ingestor reads the blob itself (with its ETag and last-modified date), so the bound bytes are not used.
        var result = await ingestor.IngestAsync(name, cancellationToken);
        logger.LogInformation("{Blob}: {Outcome} {Reason}", name, result.Outcome, result.Reason);
    }
}
