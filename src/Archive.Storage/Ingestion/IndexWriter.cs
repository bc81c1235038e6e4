using Archive.Storage.Tables;
using Archive.Storage.Totals;

namespace Archive.Storage.Ingestion;

/// <summary>
/// Plans the one transaction that takes posts out of the archive and puts posts in: the post
/// entities and every total they move, each total guarded by the ETag it was read with.
/// </summary>
public sealed class IndexWriter(ArchiveStore store)
{
    /// <exception cref="UnstorableException">A total would not fit the table: checked before writing, never found by a failed write.</exception>
    internal async Task<TableTransaction> PlanAsync(
        IReadOnlyList<PostEntity> leaving, IReadOnlyList<PostEntity> arriving, DateTimeOffset now, CancellationToken cancellationToken)
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

        var changing = leaving.Concat(arriving).Select(p => p.RowKey).ToHashSet(StringComparer.Ordinal);
        foreach (var post in leaving)
        {
            if (!arriving.Any(a => a.RowKey == post.RowKey))
            {
                transaction.Delete(post, post.ETag);
            }

            if (!post.Draft)
            {
                var indexed = ArchiveStore.ToIndexedPost(post.RowKey, post.SummaryJson, post.DateTicks);
                snapshot.Global.Remove(indexed);
                Scope(indexed.Summary.Theme.Slug).Remove(indexed);
            }
        }

        foreach (var post in arriving)
        {
            transaction.Put(post);
            if (!post.Draft)
            {
                var indexed = ArchiveStore.ToIndexedPost(post.RowKey, post.SummaryJson, post.DateTicks);
                snapshot.Global.Add(indexed);
                Scope(indexed.Summary.Theme.Slug).Add(indexed);
            }
        }

        await RefillAsync(touched.Values.Where(t => t.NeedsLongest || t.NeedsLatest).ToList(), changing, cancellationToken);
        foreach (var totals in touched.Values)
        {
            if (totals.Scope != RowKeys.AllScope && totals.Posts == 0)
            {
                if (totals.Exists)
                {
                    transaction.Delete(totals.Entity, totals.Entity.ETag);
                }

                continue;
            }

            var entity = totals.ToEntity();
            if (entity.Oversized() is { } oversized)
            {
                var scope = totals.Scope == RowKeys.AllScope ? "all posts" : $"theme '{totals.Scope}'";
                throw new UnstorableException(
                    $"the totals of {scope} would need {oversized.Characters} characters in {oversized.Property} (at most {TotalsEntity.MaxPropertyCharacters} fit in a table property)");
            }

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

    /// <summary>
    /// Only when a change took out one of a scope's five longest or its latest post and did not
    /// replace it: reads every served post once (one request per 1,000) to find the next.
    /// </summary>
    private async Task RefillAsync(List<ScopeTotals> gaps, HashSet<string> changing, CancellationToken cancellationToken)
    {
        if (gaps.Count == 0)
        {
            return;
        }

        var others = gaps.ToDictionary(t => t.Scope, _ => new List<IndexedPost>(), StringComparer.Ordinal);
        await foreach (var post in store.ReadServedPostsAsync(cancellationToken))
        {
            if (changing.Contains(post.Key))
            {
                continue;
            }

            others.GetValueOrDefault(RowKeys.AllScope)?.Add(post);
            others.GetValueOrDefault(post.Summary.Theme.Slug)?.Add(post);
        }

        foreach (var totals in gaps)
        {
            totals.Refill(others[totals.Scope]);
        }
    }
}
