using Archive.Core.Parsing;
using Archive.Core.Stored;
using Archive.Storage.Changes;
using Archive.Storage.Tables;
using Archive.Storage.Totals;
using Azure;
using Microsoft.Extensions.Caching.Memory;

namespace Archive.Storage.Reading;

/// <summary>
/// The read side: pages of a list, one post, totals, rejections. Lists and posts come from a
/// catalog of every served post held in memory and shared by every reader. It is loaded once
/// (one request per 1,000 posts) and then follows the change log: when the totals show a new
/// version, the entries since the catalog's position are read (one request) and applied, so an
/// upload costs an instance one small read, not a reload. Whether anything changed is one point
/// read of the version row, whatever the number of themes or posts, and the totals are computed
/// from the catalog in hand, so an instance's freshness reads do not grow with the archive; a cold
/// instance starts from the saved catalog (<see cref="CatalogSnapshot"/>) (docs/storage.md).
/// </summary>
public sealed class PostReader(ArchiveStore store, ChangeLog changes, CatalogSnapshot snapshot) : IDisposable
{
    /// <summary>Past this many entries at once, reading every post again is as cheap and simpler.</summary>
    public const int MostEntriesFollowed = 1000;

    /// <summary>Characters of post content kept in memory (content blobs never change: they are named by content hash).</summary>
    private const long ContentCacheCharacters = 16L * 1024 * 1024;

    private readonly MemoryCache contents = new(new MemoryCacheOptions { SizeLimit = ContentCacheCharacters, CompactionPercentage = 0.25 });
    private readonly Lock gate = new();
    private (Task<Positioned> Update, ChangeToken Target)? catalog;

    // The totals last asked with and the update that serves them: the same snapshot (the read cache hands one out for a second) costs no work.
    private volatile Served? served;
    private int catalogLoads;
    private int catalogPatches;

    /// <summary>How often the catalog was read from the posts, and how often brought forward from the change log.</summary>
    public int CatalogLoads => catalogLoads;

    public int CatalogPatches => catalogPatches;

    /// <summary>
    /// The totals as of now: the version row read (one entity), the catalog brought to it (nothing
    /// read when nothing changed; else the log's entries since), and the totals its posts make.
    /// </summary>
    public async Task<TotalsSnapshot> ReadTotalsAsync(CancellationToken cancellationToken)
    {
        var version = await store.ReadHeadsAsync(cancellationToken);
        var positioned = await SharedUpdateAsync(version.Shards).WaitAsync(cancellationToken);
        if (SameVersions(positioned.At, version.Shards) && !ShardHead.Same(positioned.Heads, version.Shards))
        {
            // Only a head's other parts moved (a purge raised ChangesFrom): the catalog stands, the heads are the row's.
            positioned = new Positioned(positioned.Catalog, positioned.At, version.Shards) { Before = positioned.ComputedTotals };
            lock (gate)
            {
                catalog = (Task.FromResult(positioned), positioned.At);
            }
        }

        var totals = positioned.Totals;
        served = new Served(totals, Task.FromResult(positioned));
        return totals;
    }

    /// <summary>One page of a list as of <paramref name="totals"/> (the totals just read).</summary>
    public async Task<PostPage> ListAsync(PostListQuery query, string afterKey, TotalsSnapshot totals, CancellationToken cancellationToken)
    {
        var posts = await CatalogAsync(totals, cancellationToken);
        return posts.Page(query, afterKey);
    }

    /// <summary>
    /// A served post by id, or else by its slug (the newest of those sharing it), any case, as of
    /// <paramref name="totals"/> (§8); null when there is none, or it is a draft.
    /// </summary>
    public async Task<IndexedPost?> FindAsync(string idOrSlug, TotalsSnapshot totals, CancellationToken cancellationToken)
    {
        if (!PostId.IsValid(idOrSlug))
        {
            return null;
        }

        var catalog = await CatalogAsync(totals, cancellationToken);
        return catalog.Find(RowKeys.Post(PostId.Key(idOrSlug))) ?? catalog.FindBySlug(idOrSlug);
    }

    /// <summary>Every tag of the served posts, as of <paramref name="totals"/> (§8).</summary>
    public async Task<IReadOnlyList<TagCount>> TagsAsync(TotalsSnapshot totals, CancellationToken cancellationToken) =>
        (await CatalogAsync(totals, cancellationToken)).Tags;

    /// <summary>A post's summary, content and source; null when its content is gone (deleted since the catalog was read).</summary>
    public async Task<StoredPost?> ReadAsync(IndexedPost post, CancellationToken cancellationToken) =>
        await ContentAsync(post.ContentBlob, cancellationToken) is { } content
            ? new StoredPost(post.Summary, content, post.Blob, post.ContentHash)
            : null;

    /// <summary>Every served post as of <paramref name="totals"/>, in memory (what the search index follows).</summary>
    public Task<PostCatalog> CatalogAsync(TotalsSnapshot totals, CancellationToken cancellationToken) => SharedCatalogAsync(totals).WaitAsync(cancellationToken);

    /// <summary>A post's rendered content by its content blob (one download, then memory); null when the blob is gone.</summary>
    public async Task<StoredContent?> ContentAsync(string contentBlob, CancellationToken cancellationToken)
    {
        if (contents.TryGetValue(contentBlob, out StoredContent? cached))
        {
            return cached;
        }

        if (await DownloadContentAsync(contentBlob, cancellationToken) is not { } content)
        {
            return null;
        }

        var size = content.Html.Length + content.Markdown.Length + content.Text.Length + contentBlob.Length;
        contents.Set(contentBlob, content, new MemoryCacheEntryOptions { Size = size, SlidingExpiration = TimeSpan.FromMinutes(10) });
        return content;
    }

    /// <summary>A post's content read for a one-off use (the search index keeps what it needs itself), not kept here.</summary>
    public async Task<StoredContent?> DownloadContentAsync(string contentBlob, CancellationToken cancellationToken)
    {
        if (contents.TryGetValue(contentBlob, out StoredContent? cached))
        {
            return cached;
        }

        StoredContent content;
        try
        {
            var download = await store.Content.GetBlobClient(contentBlob).DownloadContentAsync(cancellationToken);
            content = download.Value.Content.ToObjectFromJson<StoredContent>(ArchiveJson.Options)!;
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            return null;
        }

        return content;
    }

    public void Dispose() => contents.Dispose();

    public async Task<IReadOnlyList<RejectionEntity>> RejectionsAsync(CancellationToken cancellationToken)
    {
        var rejections = new List<RejectionEntity>();
        await foreach (var rejection in store.QueryPrefix<RejectionEntity>(RowKeys.RejectionPrefix, TableLimits.QueryPageSize, null, cancellationToken))
        {
            rejections.Add(rejection);
        }

        return [.. rejections.OrderBy(r => r.Blob, StringComparer.Ordinal)];
    }

    /// <summary>The catalog as of <paramref name="totals"/> (see <see cref="SharedUpdateAsync"/>).</summary>
    private async Task<PostCatalog> SharedCatalogAsync(TotalsSnapshot totals)
    {
        if (served is { } last && ReferenceEquals(last.Totals, totals) && last.Update.IsCompletedSuccessfully)
        {
            return last.Update.Result.Catalog;
        }

        var update = SharedUpdateAsync(totals.Heads);
        served = new Served(totals, update);
        return (await update).Catalog;
    }

    /// <summary>
    /// The catalog at the shards' <paramref name="heads"/>: the one in hand when it is at those
    /// versions (or past them: another reader brought it further), else the one in hand brought
    /// forward. One update at a time, shared by every caller, and not tied to one caller's cancellation.
    /// </summary>
    private Task<Positioned> SharedUpdateAsync(IReadOnlyDictionary<int, ShardHead> heads)
    {
        var target = ChangeToken.Of(heads);
        lock (gate)
        {
            // The update in hand (done or under way) serves when it reaches at least these versions.
            if (catalog is { } current && !current.Update.IsFaulted && !current.Update.IsCanceled && !IsBehind(current.Target, target))
            {
                return current.Update;
            }

            var update = UpdateAsync(catalog?.Update, heads, target);
            catalog = (update, target);
            return update;
        }
    }

    private async Task<Positioned> UpdateAsync(Task<Positioned>? previous, IReadOnlyDictionary<int, ShardHead> heads, ChangeToken target)
    {
        Positioned? from = null;
        try
        {
            from = previous is null ? null : await previous;
        }
        catch (Exception)
        {
            // The update before failed (storage down, say): start from the saved catalog or the posts.
        }

        if (from is null && await snapshot.LoadAsync(CancellationToken.None) is { } saved)
        {
            from = new Positioned(saved.Catalog, ChangeToken.Of(saved.Heads), saved.Heads);
        }

        if (from is not null && !IsBehind(from.At, target))
        {
            return from;
        }

        if (from is not null && await changes.FollowAsync(from.At, heads, MostEntriesFollowed, CancellationToken.None) is { } entries)
        {
            Interlocked.Increment(ref catalogPatches);
            return new Positioned(from.Catalog.With(entries), target, heads) { Before = from.ComputedTotals };
        }

        // Read from the log's position first: a change committed during the read is applied again by the next update, never lost.
        var posts = new List<IndexedPost>();
        await foreach (var post in store.ReadServedPostsAsync(CancellationToken.None))
        {
            posts.Add(post);
        }

        Interlocked.Increment(ref catalogLoads);
        var loaded = new Positioned(new PostCatalog(posts), target, heads);
        if (posts.Count >= MostEntriesFollowed)
        {
            // This instance paid for reading every post: the next cold one starts from what it read.
            _ = snapshot.SaveAsync(loaded.Catalog, heads, CancellationToken.None);
        }

        return loaded;
    }

    private static bool SameVersions(ChangeToken at, IReadOnlyDictionary<int, ShardHead> heads) => at.SameVersions(ChangeToken.Of(heads));

    /// <summary>Some shard of <paramref name="at"/> is older than in <paramref name="target"/>, or of another generation.</summary>
    private static bool IsBehind(ChangeToken at, ChangeToken target)
    {
        for (var shard = 0; shard < at.Versions.Length; shard++)
        {
            if (at.Generations[shard] != target.Generations[shard] || at.Versions[shard] < target.Versions[shard])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A catalog at the shards' heads, and (computed once, when first asked for) the totals its
    /// posts make, from the catalog it was brought forward from (<see cref="Before"/>'s totals, for
    /// the shards that did not move): a snapshot, never a chain of catalogs.
    /// </summary>
    private sealed record Positioned(PostCatalog Catalog, ChangeToken At, IReadOnlyDictionary<int, ShardHead> Heads)
    {
        private TotalsSnapshot? totals;

        public TotalsSnapshot? Before { get; set; }

        public TotalsSnapshot? ComputedTotals => Volatile.Read(ref totals);

        public TotalsSnapshot Totals => LazyInitializer.EnsureInitialized(ref totals, () =>
        {
            var computed = TotalsSnapshot.Compute(Catalog.Posts, Heads, Before);
            Before = null;
            return computed;
        });
    }

    private sealed record Served(TotalsSnapshot Totals, Task<Positioned> Update);
}
