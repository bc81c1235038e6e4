using Archive.Storage.Tables;
using Archive.Storage.Totals;

namespace Archive.Storage.Ingestion;

/// <summary>
/// Plans the one transaction that takes posts out of the archive and puts posts in: the post
/// entities and every total they move, each total guarded by the ETag it was read with. Only the
/// shards of the posts involved are read and written, so writers of other shards never collide.
/// </summary>
public sealed class IndexWriter(ArchiveStore store)
{
    /// <exception cref="UnstorableException">A total would not fit the table: checked before writing, never found by a failed write.</exception>
    internal async Task<TableTransaction> PlanAsync(
        IReadOnlyList<PostEntity> leaving, IReadOnlyList<PostEntity> arriving, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var shards = await ReadShardsAsync(leaving.Concat(arriving).Select(p => TotalsShards.Of(p.RowKey)).Distinct().ToList(), cancellationToken);
        var transaction = new TableTransaction();

        // Every shard a post enters or leaves moves its version, drafts included: what is served changed.
        var touched = new Dictionary<(int Shard, string Scope), ScopeTotals>();
        foreach (var shard in shards.Values)
        {
            touched[(shard.Shard, RowKeys.AllScope)] = shard.All;
        }

        ScopeTotals Theme(int shard, string slug)
        {
            if (!touched.TryGetValue((shard, slug), out var totals))
            {
                touched[(shard, slug)] = totals = shards[shard].Theme(slug);
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
                var shard = TotalsShards.Of(post.RowKey);
                shards[shard].All.Remove(indexed);
                Theme(shard, indexed.Summary.Theme.Slug).Remove(indexed);
            }
        }

        foreach (var post in arriving)
        {
            transaction.Put(post);
            if (!post.Draft)
            {
                var indexed = ArchiveStore.ToIndexedPost(post.RowKey, post.SummaryJson, post.DateTicks);
                var shard = TotalsShards.Of(post.RowKey);
                shards[shard].All.Add(indexed);
                Theme(shard, indexed.Summary.Theme.Slug).Add(indexed);
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

    /// <summary>One shard's rows (a single post's change), or every row in one request when a change spans shards (a group).</summary>
    private async Task<Dictionary<int, ShardTotals>> ReadShardsAsync(List<int> numbers, CancellationToken cancellationToken)
    {
        if (numbers.Count == 1)
        {
            return new() { [numbers[0]] = await store.ReadShardAsync(numbers[0], cancellationToken) };
        }

        var all = (await store.ReadTotalsAsync(cancellationToken)).Shards;
        return numbers.ToDictionary(n => n, n => all.GetValueOrDefault(n) ?? ShardTotals.Empty(n));
    }

    /// <summary>Moves the version of a shard; every public ETag derives from the shards' sum.</summary>
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
    /// Only when a change took out one of a shard's five longest or its latest post and did not
    /// replace it: reads every served post once (one request per 1,000) to find the next.
    /// </summary>
    private async Task RefillAsync(List<ScopeTotals> gaps, HashSet<string> changing, CancellationToken cancellationToken)
    {
        if (gaps.Count == 0)
        {
            return;
        }

        var others = gaps.ToDictionary(t => (t.Entity.Shard, t.Scope), _ => new List<IndexedPost>());
        await foreach (var post in store.ReadServedPostsAsync(cancellationToken))
        {
            if (changing.Contains(post.Key))
            {
                continue;
            }

            var shard = TotalsShards.Of(post.Key);
            others.GetValueOrDefault((shard, RowKeys.AllScope))?.Add(post);
            others.GetValueOrDefault((shard, post.Summary.Theme.Slug))?.Add(post);
        }

        foreach (var totals in gaps)
        {
            totals.Refill(others[(totals.Entity.Shard, totals.Scope)]);
        }
    }
}
