using Archive.Storage.Tables;
using Archive.Storage.Totals;
using Azure;

namespace Archive.Storage.Ingestion;

/// <summary>
/// Plans the one transaction that takes posts out of the index and puts one in: post entities,
/// list entries, and every total they move, each total guarded by the ETag it was read with.
/// </summary>
public sealed class IndexWriter(ArchiveStore store)
{
    internal async Task<TableTransaction> PlanAsync(
        IReadOnlyList<PostEntity> leaving, PostEntity? arriving, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var snapshot = await store.ReadTotalsAsync(cancellationToken);
        var transaction = new TableTransaction();
        var touched = new Dictionary<string, ScopeTotals>(StringComparer.Ordinal) { [RowKeys.AllScope] = snapshot.Global };
        ScopeTotals Scope(string slug)
        {
            if (!touched.TryGetValue(slug, out var totals))
            {
                totals = snapshot.Themes.TryGetValue(slug, out var stored) ? stored : ScopeTotals.Empty(slug);
                touched[slug] = totals;
            }

            return totals;
        }

        var staleIndexKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var post in leaving)
        {
            if (post.RowKey != arriving?.RowKey)
            {
                transaction.Delete(post, post.ETag);
            }

            staleIndexKeys.UnionWith(post.IndexKeyList());
            if (!post.Draft)
            {
                var indexed = ArchiveStore.ToIndexedPost(post.RowKey, post.SummaryJson, post.DateTicks);
                snapshot.Global.Remove(indexed);
                Scope(indexed.Summary.Theme.Slug).Remove(indexed);
            }
        }

        if (arriving is not null)
        {
            transaction.Put(arriving);
            foreach (var key in arriving.IndexKeyList())
            {
                staleIndexKeys.Remove(key);
                transaction.Upsert(new IndexEntity { RowKey = key, SummaryJson = arriving.SummaryJson, DateTicks = arriving.DateTicks });
            }

            if (!arriving.Draft)
            {
                var indexed = ArchiveStore.ToIndexedPost(arriving.RowKey, arriving.SummaryJson, arriving.DateTicks);
                snapshot.Global.Add(indexed);
                Scope(indexed.Summary.Theme.Slug).Add(indexed);
            }
        }

        foreach (var key in staleIndexKeys)
        {
            transaction.Delete(new IndexEntity { RowKey = key }, ETag.All);
        }

        var changing = leaving.Select(p => p.RowKey).Concat(arriving is null ? [] : [arriving.RowKey]).ToHashSet(StringComparer.Ordinal);
        foreach (var totals in touched.Values)
        {
            await RefillAsync(totals, changing, cancellationToken);
            if (totals.Scope != RowKeys.AllScope && totals.Posts == 0)
            {
                if (totals.Exists)
                {
                    transaction.Delete(totals.Entity, totals.Entity.ETag);
                }

                continue;
            }

            var entity = totals.ToEntity();
            if (totals.Scope == RowKeys.AllScope)
            {
                MarkChanged(entity, now);
            }

            transaction.Put(entity);
        }

        return transaction;
    }

    /// <summary>Moves the version every public ETag derives from.</summary>
    internal static void MarkChanged(TotalsEntity global, DateTimeOffset now)
    {
        global.Version++;
        global.LastIngestAt = now;
        if (global.Generation.Length == 0)
        {
            global.Generation = Guid.NewGuid().ToString("N")[..12];
        }
    }

    private async Task RefillAsync(ScopeTotals totals, IReadOnlySet<string> changing, CancellationToken cancellationToken)
    {
        if (totals.NeedsLongest)
        {
            totals.RefillLongest(await store.ReadIndexHeadAsync(ListSort.Longest, totals.Scope, changing, ScopeTotals.LongestCount, cancellationToken));
        }

        if (totals.NeedsLatest)
        {
            totals.RefillLatest(await store.ReadIndexHeadAsync(ListSort.Newest, totals.Scope, changing, 1, cancellationToken));
        }
    }
}
