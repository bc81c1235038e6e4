using System.Diagnostics;
using Azure.Storage.Blobs.Models;

namespace Archive.Storage.Ingestion;

/// <summary>
/// Follows the posts container by listing it and reconciling what changed since the listing before:
/// <c>archive serve</c>'s watcher every second, and under Core Tools a timer every few seconds, the
/// safety net for the polling blob trigger, which misses uploads now and then (azure-sdk-for-net
/// #51030, #62763) until the 5-minute reconcile. An idle container costs one listing a step. One
/// step at a time per instance; a step that fails starts the next from a whole reconcile.
/// </summary>
public sealed class ListingWatch(Reconciler reconciler) : IDisposable
{
    private readonly SemaphoreSlim one = new(1, 1);
    private IReadOnlyDictionary<string, BlobItem>? reconciled;

    /// <summary>One listing and what changed since the last reconciled; <c>Listed</c> is how long listing took (a large container is slow to list).</summary>
    public async Task<(ReconcileReport Report, TimeSpan Listed)> StepAsync(bool recomputeTotals, CancellationToken cancellationToken)
    {
        await one.WaitAsync(cancellationToken);
        try
        {
            var started = Stopwatch.GetTimestamp();
            var listing = await reconciler.ListAsync(cancellationToken);
            var listed = Stopwatch.GetElapsedTime(started);
            var report = await reconciler.ReconcileAsync(listing, reconciled, recomputeTotals, cancellationToken);
            reconciled = listing;
            return (report, listed);
        }
        catch
        {
            reconciled = null;
            throw;
        }
        finally
        {
            one.Release();
        }
    }

    public void Dispose() => one.Dispose();
}
