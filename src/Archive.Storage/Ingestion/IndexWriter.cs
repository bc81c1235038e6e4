using Archive.Storage.Tables;
using Archive.Storage.Totals;
using Azure;

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
                var indexed = ArchiveStore.ToIndexedPost(post);
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
                var indexed = ArchiveStore.ToIndexedPost(post);
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

        AppendChanges(transaction, leaving, arriving, shards, now);
        return transaction;
    }

    /// <summary>
    /// The change log's entries for this transaction, at each shard's new version: each arriving post's
    /// entry (an upsert, or a delete when it is a draft), a tombstone for each post that leaves for
    /// good, and the removal of the entries they replace, so the log keeps one entry per post.
    /// </summary>
    private static void AppendChanges(
        TableTransaction transaction, IReadOnlyList<PostEntity> leaving, IReadOnlyList<PostEntity> arriving, Dictionary<int, ShardTotals> shards, DateTimeOffset now)
    {
        ChangeEntity Entry(PostEntity post, string kind, string id)
        {
            var shard = TotalsShards.Of(post.RowKey);
            var seq = shards[shard].All.Entity.Version;
            return new ChangeEntity
            {
                RowKey = RowKeys.Change(seq, shard, post.RowKey[RowKeys.PostPrefix.Length..]),
                Shard = shard,
                Seq = seq,
                Id = id,
                Kind = kind,
                At = now,
            };
        }

        foreach (var post in leaving)
        {
            if (post.ChangeKey is { } replaced)
            {
                transaction.Delete(new ChangeEntity { RowKey = replaced }, ETag.All);
            }

            if (!arriving.Any(a => a.RowKey == post.RowKey))
            {
                var tombstone = Entry(post, ChangeEntity.DeleteKind, post.Id);
                tombstone.Tombstone = true;
                transaction.Upsert(tombstone);
            }
        }

        foreach (var post in arriving)
        {
            // A client removes a drafted post by the id it was served under.
            var served = leaving.FirstOrDefault(l => l.RowKey == post.RowKey && !l.Draft);
            var entry = post.Draft ? Entry(post, ChangeEntity.DeleteKind, served?.Id ?? post.Id) : Entry(post, ChangeEntity.UpsertKind, post.Id);
            if (!post.Draft)
            {
                entry.SummaryJson = post.SummaryJson;
                entry.DateTicks = post.DateTicks;
                entry.Blob = post.Blob;
                entry.ContentHash = post.ContentHash;
                entry.ContentBlob = post.ContentBlob;
            }

            post.ChangeKey = entry.RowKey;
            transaction.Upsert(entry);
        }
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
