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
    private readonly Lazy<Dictionary<string, IndexedPost>> bySlug = new(() => NewestBySlug(posts));
    private readonly Lazy<IReadOnlyList<TagCount>> tags = new(() => CountTags(posts));

    public int Count => posts.Count;

    /// <summary>Every served post, in no order.</summary>
    public IEnumerable<IndexedPost> Posts => byKey.Values;

    /// <summary>A served post by its row key (<c>p|{lower-case id}</c>); null when there is none (or it is a draft).</summary>
    public IndexedPost? Find(string postKey) => byKey.GetValueOrDefault(postKey);

    /// <summary>The newest served post whose title's slug is <paramref name="slug"/> (any case), §8; null when none is.</summary>
    public IndexedPost? FindBySlug(string slug) => bySlug.Value.GetValueOrDefault(slug.ToLowerInvariant());

    /// <summary>Every tag key with its most common spelling and its posts, most posts first (ties by key): §8 <c>/api/tags</c>.</summary>
    public IReadOnlyList<TagCount> Tags => tags.Value;

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
        return new PostPage(items, found.Count > query.Limit ? found[query.Limit - 1].Key : null);
    }

    /// <summary>
    /// The <paramref name="number"/>th page (from 1) of <paramref name="size"/> posts of a list, and how
    /// many posts the list holds: numbered pages for people (§12), cut from the same order as the API's lists.
    /// </summary>
    public (IReadOnlyList<IndexedPost> Posts, int Total) Numbered(PostListQuery query, int number, int size)
    {
        var list = query.Scope == RowKeys.AllScope || themes.Contains(query.Scope)
            ? lists.GetOrAdd((query.Sort, query.Scope), key => Order(key.Sort, key.Scope))
            : [];
        var matching = query.Tag is null && !query.HasDateFilter
            ? list
            : [.. list.Where(e => InDates(e.Post, query) && (query.Tag is null || e.Post.TagKeys.Contains(query.Tag)))];
        var skip = (long)(number - 1) * size;
        return (skip >= matching.Length ? [] : [.. matching.Skip((int)skip).Take(size).Select(e => e.Post)], matching.Length);
    }

    /// <summary>The posts before and after <paramref name="post"/> in the newest-first list of every post: a post page's next and previous (§12).</summary>
    public (IndexedPost? Newer, IndexedPost? Older) Neighbours(IndexedPost post)
    {
        var list = lists.GetOrAdd((ListSort.Newest, RowKeys.AllScope), key => Order(key.Sort, key.Scope));
        var key = KeyOf(ListSort.Newest, post);
        var at = FirstAfter(list, key) - 1;
        if (at < 0 || list[at].Key != key)
        {
            return (null, null);
        }

        return (at > 0 ? list[at - 1].Post : null, at + 1 < list.Length ? list[at + 1].Post : null);
    }

    /// <summary>Keys are the sort value and the lower-case id, so ties fall to the id and a key names one post.</summary>
    private Entry[] Order(ListSort sort, string scope) =>
        [.. posts
            .Where(p => scope == RowKeys.AllScope || p.Summary.Theme.Slug == scope)
            .Select(p => new Entry(KeyOf(sort, p), p))
            .OrderBy(e => e.Key, StringComparer.Ordinal)];

    private static string KeyOf(ListSort sort, IndexedPost p) => RowKeys.SortValue(sort, p.DateTicks, p.Summary.WordCount) + "|" + p.Key[RowKeys.PostPrefix.Length..];

    /// <summary>Newest as lists sort it: the latest date (posts without one last), then the id.</summary>
    private static Dictionary<string, IndexedPost> NewestBySlug(IReadOnlyList<IndexedPost> posts) =>
        posts
            .GroupBy(p => p.Summary.Slug.ToLowerInvariant(), StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.OrderBy(p => RowKeys.SortValue(ListSort.Newest, p.DateTicks, 0), StringComparer.Ordinal).ThenBy(p => p.Key, StringComparer.Ordinal).First(),
                StringComparer.Ordinal);

    private static List<TagCount> CountTags(IReadOnlyList<IndexedPost> posts)
    {
        var counts = new Dictionary<string, (int Posts, Dictionary<string, int> Spellings)>(StringComparer.Ordinal);
        foreach (var post in posts)
        {
            foreach (var tag in post.Summary.Tags.DistinctBy(Core.Text.TagKey.Of))
            {
                var key = Core.Text.TagKey.Of(tag);
                if (key.Length == 0)
                {
                    continue;
                }

                var (count, spellings) = counts.TryGetValue(key, out var found) ? found : (0, new Dictionary<string, int>(StringComparer.Ordinal));
                spellings[tag] = spellings.GetValueOrDefault(tag) + 1;
                counts[key] = (count + 1, spellings);
            }
        }

        return [.. counts
            .Select(c => new TagCount(c.Key, c.Value.Spellings.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).First().Key, c.Value.Posts))
            .OrderByDescending(t => t.Posts).ThenBy(t => t.Key, StringComparer.Ordinal)];
    }

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
