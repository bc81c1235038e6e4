using System.Collections.Concurrent;
using Archive.Storage.Tables;
using Archive.Storage.Totals;

namespace Archive.Storage.Reading;

/// <summary>
/// Every served post as of one version of the archive. Each list (an order within a scope) is
/// sorted on first use, and pages are cut from memory: once loaded, a page reads no storage.
/// </summary>
public sealed class PostCatalog(IReadOnlyList<IndexedPost> posts)
{
    private readonly ConcurrentDictionary<(ListSort Sort, string Scope), Entry[]> lists = new();
    private readonly HashSet<string> themes = posts.Select(p => p.Summary.Theme.Slug).ToHashSet(StringComparer.Ordinal);
    private readonly Dictionary<string, IndexedPost> byKey = posts.ToDictionary(p => p.Key, StringComparer.Ordinal);

    public int Count => posts.Count;

    /// <summary>A served post by its row key (<c>p|{lower-case id}</c>); null when there is none (or it is a draft).</summary>
    public IndexedPost? Find(string postKey) => byKey.GetValueOrDefault(postKey);

    /// <summary>
    /// This catalog with the change log's entries applied, in their order: an upsert puts the post
    /// in (or replaces it), a delete (a tombstone or a draft) takes it out. No storage is read.
    /// </summary>
    public PostCatalog With(IReadOnlyList<ChangeEntity> entries)
    {
        if (entries.Count == 0)
        {
            return this;
        }

        var patched = new Dictionary<string, IndexedPost>(byKey, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.Kind == ChangeEntity.UpsertKind)
            {
                var post = ArchiveStore.ToIndexedPost(entry);
                patched[post.Key] = post;
            }
            else
            {
                patched.Remove(RowKeys.PostPrefix + entry.RowKey[(entry.RowKey.LastIndexOf('|') + 1)..]);
            }
        }

        return new PostCatalog([.. patched.Values]);
    }

    /// <summary>The page that starts strictly after <paramref name="afterKey"/> (a key a cursor carried, or empty).</summary>
    public PostPage Page(PostListQuery query, string afterKey)
    {
        // Only scopes that have posts are kept: any other theme a client names is simply empty.
        var list = query.Scope == RowKeys.AllScope || themes.Contains(query.Scope)
            ? lists.GetOrAdd((query.Sort, query.Scope), key => Order(key.Sort, key.Scope))
            : [];
        var found = new List<Entry>(query.Limit + 1);
        for (var i = afterKey.Length == 0 ? 0 : FirstAfter(list, afterKey); i < list.Length && found.Count <= query.Limit; i++)
        {
            if (InDates(list[i].Post, query) && (query.Tag is null || list[i].Post.TagKeys.Contains(query.Tag)))
            {
                found.Add(list[i]);
            }
        }

        var items = found.Take(query.Limit).Select(e => e.Post).ToList();
        var next = found.Count > query.Limit ? PageCursor.Issue(query.Fingerprint, found[query.Limit - 1].Key) : null;
        return new PostPage(items, next);
    }

    /// <summary>Keys are the sort value and the lower-case id, so ties fall to the id and a key names one post.</summary>
    private Entry[] Order(ListSort sort, string scope) =>
        [.. posts
            .Where(p => scope == RowKeys.AllScope || p.Summary.Theme.Slug == scope)
            .Select(p => new Entry(RowKeys.SortValue(sort, p.DateTicks, p.Summary.WordCount) + "|" + p.Key[RowKeys.PostPrefix.Length..], p))
            .OrderBy(e => e.Key, StringComparer.Ordinal)];

    private static int FirstAfter(Entry[] list, string key)
    {
        var (low, high) = (0, list.Length);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (string.CompareOrdinal(list[middle].Key, key) <= 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>A date filter leaves out posts without a date.</summary>
    private static bool InDates(IndexedPost post, PostListQuery query) =>
        !query.HasDateFilter
        || (post.DateTicks is { } ticks && ticks >= (query.FromTicks ?? long.MinValue) && ticks < (query.ToTicks ?? long.MaxValue));

    private sealed record Entry(string Key, IndexedPost Post);
}
