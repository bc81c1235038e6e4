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
    private const int MaxActions = TableLimits.EntitiesPerTransaction;

    /// <summary>Writes the drifted shards; returns how many rows were rewritten or removed (0 when the running totals were exact).</summary>
    public Task<int> RecomputeAsync(CancellationToken cancellationToken) =>
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
        var all = new Dictionary<int, ScopeTotals>();
        var themes = new Dictionary<int, Dictionary<string, ScopeTotals>>();
        await foreach (var post in store.ReadServedPostsAsync(cancellationToken))
        {
            var shard = TotalsShards.Of(post.Key);
            if (!all.TryGetValue(shard, out var shardAll))
            {
                all[shard] = shardAll = ScopeTotals.Empty(RowKeys.AllScope, shard);
                themes[shard] = new Dictionary<string, ScopeTotals>(StringComparer.Ordinal);
            }

            shardAll.Add(post);
            var slug = post.Summary.Theme.Slug;
            if (!themes[shard].TryGetValue(slug, out var theme))
            {
                themes[shard][slug] = theme = ScopeTotals.Empty(slug, shard);
            }

            theme.Add(post);
        }

        return all.ToDictionary(a => a.Key, a => new ShardTotals(a.Key, a.Value, themes[a.Key]));
    }
}
