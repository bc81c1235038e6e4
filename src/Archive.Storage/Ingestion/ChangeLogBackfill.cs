using Archive.Storage.Tables;
using Azure;
using Microsoft.Extensions.Logging;

namespace Archive.Storage.Ingestion;

/// <summary>
/// Gives every served post written before the change log existed its entry, so that a client
/// syncing from the beginning gets it too. Each such post goes through the index writer as an edit
/// that leaves it as it was (its totals out and in again, its version of the shard moved, its
/// entry written), guarded as any edit is. Run by every full reconcile that recomputes the
/// totals; once every post has an entry it costs one query (one request per 1,000 posts).
/// </summary>
public sealed class ChangeLogBackfill(ArchiveStore store, IndexWriter writer, LostRaces races, TimeProvider time, ILogger<ChangeLogBackfill> logger)
{
    public async Task<int> BackfillAsync(CancellationToken cancellationToken)
    {
        string[] fields = [nameof(PostEntity.RowKey), nameof(PostEntity.ChangeKey), nameof(PostEntity.Draft)];
        var missing = new List<string>();
        await foreach (var post in store.QueryPrefix<PostEntity>(RowKeys.PostPrefix, TableLimits.QueryPageSize, fields, cancellationToken))
        {
            if (post.ChangeKey is null && !post.Draft)
            {
                missing.Add(post.RowKey);
            }
        }

        var written = 0;
        foreach (var key in missing)
        {
            written += await BackfillAsync(key, cancellationToken) ? 1 : 0;
        }

        if (written > 0)
        {
            logger.LogInformation("Wrote change log entries for {Count} posts stored before the change log", written);
        }

        return written;
    }

    private Task<bool> BackfillAsync(string postKey, CancellationToken cancellationToken) =>
        races.RunAsync("backfill", postKey, async attempt =>
        {
            var post = await store.FindAsync<PostEntity>(postKey, cancellationToken);
            if (post is null || post.Draft || post.ChangeKey is not null)
            {
                return false;
            }

            // The same post, its summary carrying the time it was ingested (stored summaries of that time lack it).
            var same = post.Copy();
            same.SummaryJson = System.Text.Json.JsonSerializer.Serialize(ArchiveStore.Summary(post.SummaryJson, post.IngestedAt), Archive.Core.Stored.ArchiveJson.Options);
            var transaction = await writer.PlanAsync([post], [same], time.GetUtcNow(), cancellationToken);
            await attempt.SubmitAsync(transaction, store.Table, cancellationToken);
            return true;
        }, cancellationToken);
}
