using Microsoft.Extensions.Logging;

namespace Archive.Storage.Ingestion;

/// <summary>One blob's failure stays that blob's: it becomes its result, and the others go on.</summary>
internal static class BlobFailures
{
    /// <summary>
    /// Runs the work for one blob. Storage being down is not the blob's fault and is thrown (every
    /// blob would fail alike; the caller retries later); anything else is logged with the blob's name
    /// and returned as a <see cref="IngestOutcome.Failed"/> result.
    /// </summary>
    public static Task<IngestResult> IsolateAsync(string blobName, ILogger logger, Func<Task<IngestResult>> work) =>
        IsolateAsync(blobName, logger, work, failed => failed);

    /// <summary>As above, for a step whose answer is not a result yet: <paramref name="onFailure"/> makes one from the failure.</summary>
    public static async Task<T> IsolateAsync<T>(string blobName, ILogger logger, Func<Task<T>> work, Func<IngestResult, T> onFailure)
    {
        try
        {
            return await work();
        }
        catch (Exception error) when (error is not OperationCanceledException && !StorageFailure.Is(error))
        {
            logger.LogError(error, "Could not ingest {Blob}; the other blobs go on", Names.BlobNames.Printable(blobName));
            return onFailure(new IngestResult(blobName, IngestOutcome.Failed, Reason: $"could not be ingested: {error.Message}"));
        }
    }
}
