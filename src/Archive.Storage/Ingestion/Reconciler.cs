using System.Collections.Concurrent;
using Archive.Core.Parsing;
using Archive.Storage.Tables;
using Archive.Storage.Totals;
using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;

namespace Archive.Storage.Ingestion;

/// <summary>
/// Brings the index in line with the container: ingests what is new or changed, removes posts
/// whose blob is gone (blob triggers do not fire on delete), retries rejections, and (when asked)
/// recomputes every total from the posts themselves.
/// </summary>
public sealed class Reconciler(ArchiveStore store, Ingestor ingestor, BulkIngestor bulk, ContentSweeper sweeper, TotalsRecomputer recomputer, Changes.ChangeLog changes, ChangeLogBackfill backfill, IngestMetrics metrics, StorageProblems problems, ILogger<Reconciler> logger)
{
    private const string ListingProblem = "listing";

    // Blobs that are not posts, named in the log once each (a watcher reconciles every second).
    private readonly ConcurrentDictionary<string, bool> loggedIgnored = new(StringComparer.Ordinal);

    public async Task<ReconcileReport> ReconcileAsync(bool recomputeTotals, CancellationToken cancellationToken)
    {
        var blobs = await ListAsync(cancellationToken);
        LogIgnored(blobs.Keys);
        return await ReconcileAllAsync(blobs, recomputeTotals, cancellationToken);
    }

    /// <summary>Every blob of the posts container, by name: the listing a reconcile works from.</summary>
    public async Task<IReadOnlyDictionary<string, BlobItem>> ListAsync(CancellationToken cancellationToken)
    {
        var blobs = new PostsListing();
        try
        {
            await foreach (var blob in store.Posts.GetBlobsAsync(cancellationToken: cancellationToken))
            {
                blobs[blob.Name] = blob;
            }
        }
        catch (Exception error) when (IsUnlistable(error))
        {
            // A page that cannot be read is lost whole: listed again in smaller pages, everything before the name that breaks it is had.
            blobs.Clear();
            string? marker = null;
            foreach (var size in new[] { 256, 16, 1 })
            {
                (marker, var complete) = await ListUntilBrokenAsync(blobs, marker, size, cancellationToken);
                if (complete)
                {
                    problems.Clear(ListingProblem);
                    return blobs;
                }
            }

            // The service answers but cannot list (Azurite past a name with a control character): what it listed is worked on, and said.
            var after = blobs.Count == 0 ? "at the start" : $"after {blobs.Count} blobs";
            problems.Report(ListingProblem, $"cannot list the posts container {after} ({StorageFailure.Describe(error)}): later blobs are not ingested; a blob name with a control character makes Azurite's listing fail, so rename or delete it");
            logger.LogWarning("Cannot list the posts container {After}: {Cause}", after, StorageFailure.Describe(error));
            blobs.Incomplete = true;
            return blobs;
        }

        problems.Clear(ListingProblem);
        return blobs;
    }

    private static bool IsUnlistable(Exception error) => error is System.Xml.XmlException or RequestFailedException { Status: 500 };

    /// <summary>Pages of <paramref name="size"/> from <paramref name="marker"/> until one cannot be read: the marker of the last page read, and whether the listing ended.</summary>
    private async Task<(string? Marker, bool Complete)> ListUntilBrokenAsync(PostsListing blobs, string? marker, int size, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var page in store.Posts.GetBlobsAsync(cancellationToken: cancellationToken).AsPages(marker, size))
            {
                foreach (var blob in page.Values)
                {
                    blobs[blob.Name] = blob;
                }

                marker = page.ContinuationToken;
            }

            return (marker, true);
        }
        catch (Exception error) when (IsUnlistable(error))
        {
            return (marker, false);
        }
    }

    /// <summary>
    /// Reconciles with a listing the caller already made (listing a large container is the costly
    /// part). Given the caller's previous listing, and no recompute asked, only the blobs whose ETag
    /// changed and those that vanished are looked at, one by one, without reading every blob record;
    /// when that is more than a group of blobs (a folder being uploaded), the whole container is
    /// reconciled, so that new posts are committed in groups.
    /// </summary>
    public async Task<ReconcileReport> ReconcileAsync(
        IReadOnlyDictionary<string, BlobItem> blobs, IReadOnlyDictionary<string, BlobItem>? since, bool recomputeTotals, CancellationToken cancellationToken)
    {
        LogIgnored(blobs.Keys);
        if (since is null || recomputeTotals)
        {
            return await ReconcileAllAsync(blobs, recomputeTotals, cancellationToken);
        }

        var changed = blobs.Values
            .Where(b => MediaBlobName.IsContent(b.Name) && (!since.TryGetValue(b.Name, out var before) || before.Properties.ETag != b.Properties.ETag))
            .Select(b => b.Name)
            .ToList();
        var vanished = Incomplete(blobs) ? [] : since.Keys.Where(name => !blobs.ContainsKey(name)).ToList();
        if (changed.Count + vanished.Count > BulkIngestor.GroupSize)
        {
            return await ReconcileAllAsync(blobs, recomputeTotals: false, cancellationToken);
        }

        var results = new ConcurrentBag<IngestResult>();
        await IngestImagesFirstAsync(changed, results, cancellationToken);
        await IngestOneByOneAsync(changed.Where(PostBlobName.IsPost), results, cancellationToken);
        await RemoveAllAsync(vanished, results, cancellationToken);
        return Report(blobs, changed.Count, results, repaired: 0);
    }

    /// <summary>Every blob against every blob record: new posts in bulk, then what is gone removed.</summary>
    private async Task<ReconcileReport> ReconcileAllAsync(IReadOnlyDictionary<string, BlobItem> blobs, bool recomputeTotals, CancellationToken cancellationToken)
    {
        var records = new Dictionary<string, BlobEntity>(StringComparer.Ordinal);
        await foreach (var record in store.QueryPrefix<BlobEntity>(RowKeys.BlobPrefix, TableLimits.QueryPageSize, null, cancellationToken))
        {
            records[record.Blob] = record;
        }

        var toIngest = blobs.Values
            .Where(b => MediaBlobName.IsContent(b.Name) && NeedsIngest(b, records.GetValueOrDefault(b.Name)))
            .Select(b => b.Name)
            .ToList();
        var toRemove = Incomplete(blobs) ? [] : records.Keys.Where(name => !blobs.ContainsKey(name)).ToList();
        var results = new ConcurrentBag<IngestResult>();
        await IngestImagesFirstAsync(toIngest, results, cancellationToken);
        foreach (var result in await bulk.IngestAsync([.. toIngest.Where(PostBlobName.IsPost)], records, cancellationToken))
        {
            results.Add(result);
        }

        await RemoveAllAsync(toRemove, results, cancellationToken);

        var repaired = recomputeTotals ? await RecomputeTotalsAsync(cancellationToken) : 0;
        var orphans = recomputeTotals ? await sweeper.SweepAsync(cancellationToken) : 0;
        var tombstones = recomputeTotals ? await changes.PurgeAsync(cancellationToken) : 0;
        if (recomputeTotals)
        {
            await backfill.BackfillAsync(cancellationToken);
        }

        return Report(blobs, toIngest.Count, results, repaired) with { OrphanedContentRemoved = orphans, TombstonesPurged = tombstones };
    }

    private static bool Incomplete(IReadOnlyDictionary<string, BlobItem> blobs) => blobs is PostsListing { Incomplete: true };

    /// <summary>Images before posts: a folder uploaded with both renders its posts with their images the first time.</summary>
    private Task IngestImagesFirstAsync(IEnumerable<string> names, ConcurrentBag<IngestResult> results, CancellationToken cancellationToken) =>
        IngestOneByOneAsync(names.Where(name => MediaBlobName.IsMedia(name)), results, cancellationToken);

    private async Task IngestOneByOneAsync(IEnumerable<string> names, ConcurrentBag<IngestResult> results, CancellationToken cancellationToken)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = TableLimits.IngestParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(names, options, async (name, ct) =>
            results.Add(await BlobFailures.IsolateAsync(name, logger, () => ingestor.IngestBlobAsync(name, ct))));
    }

    private void LogIgnored(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (!MediaBlobName.IsContent(name) && loggedIgnored.TryAdd(name, true))
            {
                logger.LogInformation("Ignored {Blob}: {Reason}", Names.BlobNames.Printable(name), PostBlobName.NotMarkdown);
            }
        }
    }

    private async Task RemoveAllAsync(IEnumerable<string> names, ConcurrentBag<IngestResult> results, CancellationToken cancellationToken)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = TableLimits.IngestParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(names, options, async (name, ct) =>
            results.Add(await BlobFailures.IsolateAsync(name, logger, () => ingestor.RemoveBlobAsync(name, ct))));
    }

    private ReconcileReport Report(IReadOnlyDictionary<string, BlobItem> blobs, int lookedAt, IReadOnlyCollection<IngestResult> results, int repaired)
    {
        foreach (var result in results)
        {
            metrics.Ingested(result.Outcome, "reconcile");
        }

        var changes = results.Where(r => r.Outcome != IngestOutcome.Unchanged).OrderBy(r => r.Blob, StringComparer.Ordinal).ToList();
        int Count(IngestOutcome outcome) => results.Count(r => r.Outcome == outcome);
        var report = new ReconcileReport(
            blobs.Count,
            Count(IngestOutcome.Added),
            Count(IngestOutcome.Updated),
            blobs.Keys.Count(MediaBlobName.IsContent) - lookedAt + Count(IngestOutcome.Unchanged),
            Count(IngestOutcome.Rejected),
            blobs.Keys.Count(name => !MediaBlobName.IsContent(name)),
            Count(IngestOutcome.Removed),
            Count(IngestOutcome.Failed),
            repaired,
            changes);
        if (report.Failed > 0)
        {
            logger.LogError(
                "Could not ingest {Failed} blobs: {Blobs}; the others were reconciled", report.Failed,
                string.Join(", ", changes.Where(c => c.Outcome == IngestOutcome.Failed).Select(c => c.Blob)));
        }

        if (report.ChangedAnything)
        {
            logger.LogInformation(
                "Reconciled {Blobs} blobs: {Added} added, {Updated} updated, {Removed} removed, {Rejected} rejected, {Repaired} totals repaired",
                report.Blobs, report.Added, report.Updated, report.Removed, report.Rejected, report.TotalsRepaired);
        }

        return report;
    }

    /// <summary>Rebuilds every total from the posts and writes the ones that drifted (see <see cref="TotalsRecomputer"/>).</summary>
    public Task<int> RecomputeTotalsAsync(CancellationToken cancellationToken) => recomputer.RecomputeAsync(cancellationToken);

    private static bool NeedsIngest(BlobItem blob, BlobEntity? record)
    {
        if (record is null || record.RejectedHash is not null)
        {
            return true;
        }

        if (record.Rendering != IngestEntities.CurrentRendering(blob.Name) && (record.PostKey is not null || record.MediaVersion is not null))
        {
            // Made by an earlier version of Archive: rendered (or processed) again, never uploaded again.
            return true;
        }

        if (record.BlobETag == blob.Properties.ETag?.ToString())
        {
            return false;
        }

        // Re-uploading identical bytes gives a new ETag but the same MD5: nothing to do.
        var md5 = PostBlobs.Md5(blob.Properties.ContentHash);
        return md5 is null || md5 != record.BlobMd5;
    }
}
