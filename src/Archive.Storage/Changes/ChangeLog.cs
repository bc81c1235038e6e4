using System.Globalization;
using System.Text;
using Archive.Storage.Ingestion;
using Archive.Storage.Tables;
using Archive.Storage.Totals;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Archive.Storage.Changes;

/// <summary>
/// Reads the change log for syncing clients (contract §9) and keeps it compact. Each shard's
/// entries are keyed by the shard's version, which only the transaction that writes them moves:
/// once the totals say a shard is at version V, every entry up to V is in the table, so a page is
/// "the entries past the client's position and at most V", one query (docs/storage.md).
/// </summary>
public sealed class ChangeLog(ArchiveStore store, IOptions<IngestOptions> options, TimeProvider time, ILogger<ChangeLog> logger)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public const string StartOver = "Start over: read /api/changes without since, and replace the copy with what it gives.";

    /// <summary>
    /// Up to <paramref name="limit"/> entries after <paramref name="since"/>. When the totals in
    /// hand (<paramref name="totals"/>, perhaps a second old unless <paramref name="totalsAreFresh"/>)
    /// show nothing new, the answer is an empty page and no storage is read; otherwise the entries
    /// are read against totals read for this call (one request, unless those in hand were), in one
    /// request while a page fits one response.
    /// </summary>
    /// <exception cref="ChangeTokenExpiredException">The token is older than what is kept, or from before a reset.</exception>
    public async Task<ChangePage> ReadAsync(ChangeToken since, int limit, TotalsSnapshot totals, bool totalsAreFresh, CancellationToken cancellationToken)
    {
        if (IsCurrent(since, totals))
        {
            // Even when those totals are a little old: tombstones old enough to purge are older still, so none after the token is missed.
            return new ChangePage([], since, false);
        }

        // Fresh, so that a purge that raised a shard's ChangesFrom a moment ago is seen (its tombstones are gone from the query).
        var fresh = totalsAreFresh ? totals.Heads : (await store.ReadHeadsAsync(cancellationToken)).Shards;
        var (ranges, at) = Plan(since, fresh);
        var entries = ranges.Count == 0 ? [] : await QueryAsync(ranges, limit + 1, cancellationToken);
        var hasMore = entries.Count > limit;
        if (hasMore)
        {
            entries.RemoveRange(limit, entries.Count - limit);
        }

        return new ChangePage(entries, at with { Cut = hasMore ? entries[^1].RowKey : null }, hasMore);
    }

    /// <summary>
    /// For an instance that keeps a catalog: every entry after <paramref name="from"/> up to the
    /// versions of the heads <paramref name="to"/> (one request), or null when more than
    /// <paramref name="max"/> wait or the log cannot tell (a reset, tombstones purged): then the
    /// instance reads the posts again.
    /// </summary>
    public async Task<List<ChangeEntity>?> FollowAsync(ChangeToken from, IReadOnlyDictionary<int, ShardHead> to, int max, CancellationToken cancellationToken)
    {
        List<(int Shard, string After, string Before)> ranges;
        try
        {
            ranges = Plan(from, to).Ranges;
        }
        catch (ChangeTokenExpiredException)
        {
            return null;
        }

        var entries = ranges.Count == 0 ? [] : await QueryAsync(ranges, max + 1, cancellationToken);
        return entries.Count > max ? null : entries;
    }

    /// <summary>Each shard's range of entries past <paramref name="since"/> and at most the version <paramref name="heads"/> give, and the position at their end.</summary>
    private (List<(int Shard, string After, string Before)> Ranges, ChangeToken At) Plan(ChangeToken since, IReadOnlyDictionary<int, ShardHead> heads)
    {
        var at = ChangeToken.Of(heads);
        var ranges = new List<(int Shard, string After, string Before)>();
        for (var shard = 0; shard < TotalsShards.Count; shard++)
        {
            Check(since, shard, at.Versions[shard], at.Generations[shard], heads.GetValueOrDefault(shard)?.ChangesFrom ?? 0);
            var after = since.Position(shard);
            if (string.CompareOrdinal(after, RowKeys.ChangesThrough(at.Versions[shard], shard)) < 0)
            {
                ranges.Add((shard, after, RowKeys.ChangeSeq(at.Versions[shard] + 1)));
            }
        }

        return (ranges, at);
    }

    /// <summary>
    /// Removes tombstones older than <see cref="IngestOptions.TombstoneDays"/>, each shard's in
    /// transactions that also raise its <see cref="TotalsEntity.ChangesFrom"/>, so a token that
    /// would need one of them is answered 410 rather than silently missing a deletion.
    /// </summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().AddDays(-options.Value.TombstoneDays);
        var filter = TableClient.CreateQueryFilter<ChangeEntity>(
            e => e.PartitionKey == RowKeys.Partition && e.RowKey.CompareTo(RowKeys.ChangePrefix) >= 0
                && e.RowKey.CompareTo(RowKeys.PrefixEnd(RowKeys.ChangePrefix)) < 0 && e.Tombstone && e.At < cutoff);
        var old = new List<ChangeEntity>();
        await foreach (var entry in store.Table.QueryAsync<ChangeEntity>(filter, TableLimits.QueryPageSize, null, cancellationToken))
        {
            old.Add(entry);
        }

        var purged = 0;
        foreach (var shard in old.GroupBy(e => e.Shard))
        {
            foreach (var chunk in shard.OrderBy(e => e.Seq).Chunk(TableLimits.PlannedPerTransaction - 1))
            {
                var totals = (await store.ReadShardAsync(shard.Key, cancellationToken)).All;
                if (!totals.Exists)
                {
                    break;
                }

                var transaction = new TableTransaction();
                totals.Entity.ChangesFrom = Math.Max(totals.Entity.ChangesFrom, chunk[^1].Seq);
                transaction.Replace(totals.Entity);
                foreach (var entry in chunk)
                {
                    transaction.Delete(entry, entry.ETag);
                }

                try
                {
                    await transaction.SubmitAsync(store.Table, cancellationToken);
                    purged += chunk.Length;
                }
                catch (RequestFailedException error) when (Ingestion.LostRaces.IsLostRace(error))
                {
                    // A writer of the shard came first: the rest waits for the next run.
                    logger.LogDebug("Purging tombstones of shard {Shard} lost a race ({Status})", shard.Key, error.Status);
                    break;
                }
            }
        }

        return purged;
    }

    /// <summary>Nothing has changed since the token as far as the totals in hand show (a cut page always has more).</summary>
    private static bool IsCurrent(ChangeToken since, TotalsSnapshot totals) => since.Cut is null && since.SameVersions(ChangeToken.Of(totals));

    private void Check(ChangeToken since, int shard, long version, string generation, long changesFrom)
    {
        if ((since.Generations[shard].Length > 0 && since.Generations[shard] != generation) || since.Versions[shard] > version)
        {
            throw new ChangeTokenExpiredException($"The archive's store was reset after this token was issued. {StartOver}");
        }

        // A position before any entry of the shard holds none of its posts, so it misses no deletion.
        var at = RowKeys.SeqOfChange(since.Position(shard));
        if (at > 0 && at < changesFrom)
        {
            throw new ChangeTokenExpiredException(
                $"This token is older than the changes kept: deletions are kept as tombstones for {options.Value.TombstoneDays} days. {StartOver}");
        }
    }

    /// <summary>One query over every shard's range, in key order, until <paramref name="wanted"/> entries (normally one request).</summary>
    private async Task<List<ChangeEntity>> QueryAsync(List<(int Shard, string After, string Before)> ranges, int wanted, CancellationToken cancellationToken)
    {
        var filter = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"PartitionKey eq '{RowKeys.Partition}' and RowKey gt '{Quote(ranges.Select(r => r.After).Min(StringComparer.Ordinal)!)}'")
            .Append(CultureInfo.InvariantCulture, $" and RowKey lt '{Quote(ranges.Select(r => r.Before).Max(StringComparer.Ordinal)!)}' and (")
            .AppendJoin(" or ", ranges.Select(r => string.Create(CultureInfo.InvariantCulture, $"(Shard eq {r.Shard} and RowKey gt '{Quote(r.After)}' and RowKey lt '{Quote(r.Before)}')")))
            .Append(')')
            .ToString();
        var entries = new List<ChangeEntity>(Math.Min(wanted, MaxLimit + 1));
        await foreach (var page in store.Table.QueryAsync<ChangeEntity>(filter, Math.Min(wanted, TableLimits.QueryPageSize), null, cancellationToken).AsPages())
        {
            entries.AddRange(page.Values);
            if (entries.Count >= wanted)
            {
                break;
            }
        }

        return entries.Count > wanted ? entries[..wanted] : entries;
    }

    private static string Quote(string value) => value.Replace("'", "''", StringComparison.Ordinal);
}
