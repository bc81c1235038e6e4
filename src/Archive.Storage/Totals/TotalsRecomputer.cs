using Archive.Storage.Ingestion;
using Archive.Storage.Tables;
using Azure;
using Microsoft.Extensions.Logging;

namespace Archive.Storage.Totals;

/// <summary>
/// Rebuilds every total from the post entities and writes the shards that drifted. The totals
/// (with their ETags) are read before the posts: an ingest that commits in between moves its
/// shard's ETag, so the stale recomputation of that shard is refused and done again, never
/// written over the live one.
/// </summary>
public sealed class TotalsRecomputer(ArchiveStore store, LostRaces races, TimeProvider time, ILogger<TotalsRecomputer> logger)
{
    private const int MaxActions = TableLimits.PlannedPerTransaction;

    /// <summary>
    /// Writes the drifted shards, then completes the version row if it is not (an archive from
    /// before it) or does not match the shards; returns how many rows were rewritten or removed (0
    /// when the running totals were exact).
    /// </summary>
    public async Task<int> RecomputeAsync(CancellationToken cancellationToken)
    {
        var repaired = await RepairAsync(cancellationToken);
        if (await CompleteVersionAsync(cancellationToken))
        {
            logger.LogInformation("The version row was completed from the shards' totals");
        }

        return repaired;
    }

    /// <summary>
    /// The version row as the shards' all-posts rows say, written under the ETag it was read with
    /// (read before the totals): a writer that commits in between merges into it, so this write is
    /// refused and done again rather than put an older version over a newer one.
    /// </summary>
    private Task<bool> CompleteVersionAsync(CancellationToken cancellationToken) =>
        races.RunAsync("version", "completing the version row", async attempt =>
        {
            var version = await store.ReadVersionAsync(cancellationToken);
            var heads = (await store.ReadTotalsAsync(cancellationToken)).Heads;
            if (version.Complete && ShardHead.Same(version.Shards, heads))
            {
                return false;
            }

            var whole = ArchiveVersion.WholeOf(heads);
            try
            {
                if (version.ETag == default)
                {
                    await store.Table.AddEntityAsync(whole, cancellationToken);
                }
                else
                {
                    await store.Table.UpdateEntityAsync(whole, version.ETag, Azure.Data.Tables.TableUpdateMode.Replace, cancellationToken);
                }
            }
            catch (RequestFailedException error) when (LostRaces.IsLostRace(error))
            {
                throw attempt.Lost();
            }

            return true;
        }, cancellationToken);

    private Task<int> RepairAsync(CancellationToken cancellationToken) =>
        races.RunAsync("recompute", "recomputing the totals", async attempt =>
        {
            var (repaired, transactions) = await PlanAsync(cancellationToken);
            var lost = false;
            foreach (var transaction in transactions)
            {
                try
                {
                    await attempt.SubmitAsync(transaction, store.Table, cancellationToken);
                }
                catch (LostRaceException)
                {
                    // That shard moved since it was read: the others stand; it is done again from the top.
                    lost = true;
                }
            }

            if (lost)
            {
                throw RaceAttempt.Counted();
            }

            if (repaired > 0)
            {
                logger.LogWarning("Recomputed totals differed from the running ones in {Rows} rows; rewritten", repaired);
            }

            return repaired;
        }, cancellationToken);

    /// <summary>How many rows differ from a recomputation, writing nothing (0: the running totals are exact).</summary>
    public async Task<int> CountDriftAsync(CancellationToken cancellationToken) => (await PlanAsync(cancellationToken)).Repaired;

    private async Task<(int Repaired, List<TableTransaction> Transactions)> PlanAsync(CancellationToken cancellationToken)
    {
        var stored = await store.ReadTotalsAsync(cancellationToken);
        var computed = await ComputeAsync(cancellationToken);
        var transactions = new List<TableTransaction>();
        var repaired = 0;
        foreach (var shard in stored.Shards.Keys.Union(computed.Keys).Order())
        {
            var actions = ShardRepairs(
                stored.Shards.GetValueOrDefault(shard) ?? ShardTotals.Empty(shard),
                computed.GetValueOrDefault(shard) ?? ShardTotals.Empty(shard));
            repaired += actions.Count;
            transactions.AddRange(Chunk(actions));
        }

        // Rows of the unsharded layout count for nothing any more.
        var legacy = stored.Legacy.Select(row => (Action<TableTransaction>)(t => t.Delete(row, row.ETag))).ToList();
        repaired += legacy.Count;
        transactions.AddRange(Chunk(legacy));
        return (repaired, transactions);
    }

    private List<Action<TableTransaction>> ShardRepairs(ShardTotals stored, ShardTotals computed)
    {
        var actions = new List<Action<TableTransaction>>();
        foreach (var (slug, totals) in computed.Themes)
        {
            var current = stored.Themes.GetValueOrDefault(slug);
            if (current is null || !totals.SameFiguresAs(current))
            {
                var entity = totals.ToEntity();
                entity.ETag = current?.Entity.ETag ?? default;
                actions.Add(t => t.Put(entity));
            }
        }

        foreach (var (slug, current) in stored.Themes)
        {
            if (!computed.Themes.ContainsKey(slug))
            {
                actions.Add(t => t.Delete(current.Entity, current.Entity.ETag));
            }
        }

        if (actions.Count > 0 || !computed.All.SameFiguresAs(stored.All))
        {
            // First, so that it goes with the first chunk: what is served changed, so the version moves.
            var entity = computed.All.ToEntity();
            var previous = stored.All.Entity;
            entity.ETag = previous.ETag;
            entity.Version = previous.Version;
            entity.Generation = previous.Generation;
            entity.ChangesFrom = previous.ChangesFrom;
            entity.LastIngestAt = previous.LastIngestAt;
            IndexWriter.MarkChanged(entity, previous.LastIngestAt ?? time.GetUtcNow());
            actions.Insert(0, t => t.Put(entity));
        }

        return actions;
    }

    private static IEnumerable<TableTransaction> Chunk(List<Action<TableTransaction>> actions) =>
        actions.Chunk(MaxActions).Select(chunk =>
        {
            var transaction = new TableTransaction();
            foreach (var action in chunk)
            {
                action(transaction);
            }

            return transaction;
        });

    /// <summary>Every shard's totals as the served posts make them (one request per 1,000 posts).</summary>
    private async Task<Dictionary<int, ShardTotals>> ComputeAsync(CancellationToken cancellationToken)
    {
        var posts = new List<IndexedPost>();
        await foreach (var post in store.ReadServedPostsAsync(cancellationToken))
        {
            posts.Add(post);
        }

        return ShardTotals.Compute(posts);
    }
}
