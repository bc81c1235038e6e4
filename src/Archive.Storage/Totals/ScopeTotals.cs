using System.Text.Json;
using Archive.Core.Stored;
using Archive.Storage.Tables;

namespace Archive.Storage.Totals;

/// <summary>
/// The totals of one scope in memory: changed post by post as posts come and go, or rebuilt from
/// every post. Removing one of the five longest (or the latest) leaves a gap that only the other
/// posts can fill, unless the change itself fills it (a post edited in place usually does);
/// <see cref="NeedsLongest"/> and <see cref="NeedsLatest"/> say when they must be read.
/// </summary>
public sealed class ScopeTotals
{
    public const int LongestCount = 5;

    private readonly SortedDictionary<int, int> histogram;
    private readonly Dictionary<string, int> names;
    private List<IndexedPost> longest;
    private int missingLongest;
    private IndexedPost? longestBoundary;
    private long? removedLatestTicks;

    private ScopeTotals(string scope, TotalsEntity entity)
    {
        Scope = scope;
        Entity = entity;
        Posts = entity.Posts;
        Words = entity.Words;
        Minutes = entity.Minutes;
        histogram = JsonSerializer.Deserialize<SortedDictionary<int, int>>(entity.HistogramJson, ArchiveJson.Options) ?? [];
        names = scope == RowKeys.AllScope ? [] : JsonSerializer.Deserialize<Dictionary<string, int>>(entity.NamesJson, ArchiveJson.Options) ?? [];
        longest = (JsonSerializer.Deserialize<List<IndexedPostJson>>(entity.LongestJson, ArchiveJson.Options) ?? [])
            .Select(p => new IndexedPost(p.Key, p.Summary, p.DateTicks)).ToList();
        LatestTicks = entity.LatestTicks;
        LatestDate = entity.LatestDate;
    }

    public string Scope { get; }

    /// <summary>The stored entity these totals were read from (a new one when there was none), for its ETag.</summary>
    public TotalsEntity Entity { get; }

    public bool Exists => Entity.ETag != default;

    public int Posts { get; private set; }
    public long Words { get; private set; }
    public long Minutes { get; private set; }
    public long? LatestTicks { get; private set; }
    public string? LatestDate { get; private set; }
    public IReadOnlyList<IndexedPost> Longest => longest;
    public IReadOnlyDictionary<int, int> Histogram => histogram;
    public bool NeedsLongest => missingLongest > 0;
    public bool NeedsLatest => removedLatestTicks is not null;

    /// <summary>
    /// Only a theme counts its spellings (for its display name): all posts together would count every
    /// theme's, which grows with the number of themes past what a table property holds.
    /// </summary>
    private bool KeepsNames => Scope != RowKeys.AllScope;

    public static ScopeTotals From(TotalsEntity entity) => new(entity.Scope, entity);

    public static ScopeTotals Empty(string scope, int shard) => new(scope, new TotalsEntity
    {
        RowKey = scope == RowKeys.AllScope ? RowKeys.ShardTotals(shard) : RowKeys.ThemeTotals(shard, scope),
        Scope = scope,
        Shard = shard,
    });

    /// <summary>
    /// A scope's shards added up, as readers see it: counts, words, minutes, histogram and spellings
    /// are sums, the five longest a merge, the latest date a maximum. For all posts, the entity
    /// carries what ETags derive from: the versions' sum, the latest ingest, and one generation
    /// standing for every shard's (a reset gives new ones, so ETags never repeat).
    /// </summary>
    public static ScopeTotals Merge(string scope, IEnumerable<ScopeTotals> shards)
    {
        var parts = shards.OrderBy(s => s.Entity.Shard).ToList();
        var merged = new ScopeTotals(scope, new TotalsEntity
        {
            RowKey = scope,
            Scope = scope,
            Version = parts.Sum(p => p.Entity.Version),
            LastIngestAt = parts.Max(p => p.Entity.LastIngestAt),
            Generation = parts.Count == 0 ? string.Empty : CombinedGeneration(parts.Select(p => p.Entity.Generation)),
        });
        foreach (var part in parts)
        {
            merged.Posts += part.Posts;
            merged.Words += part.Words;
            merged.Minutes += part.Minutes;
            foreach (var (minutes, count) in part.histogram)
            {
                merged.histogram[minutes] = merged.histogram.GetValueOrDefault(minutes) + count;
            }

            foreach (var (name, count) in part.names)
            {
                merged.names[name] = merged.names.GetValueOrDefault(name) + count;
            }

            foreach (var post in part.longest)
            {
                merged.ConsiderForLongest(post);
            }

            if (part.LatestTicks is { } ticks && (merged.LatestTicks is null || ticks > merged.LatestTicks))
            {
                merged.LatestTicks = ticks;
                merged.LatestDate = part.LatestDate;
            }
        }

        return merged;
    }

    private static string CombinedGeneration(IEnumerable<string> generations) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('|', generations))))[..12];

    /// <summary>The spelling most of the scope's posts use; ties go to the ordinally smallest.</summary>
    public string DisplayName => names.Count == 0
        ? Scope
        : names.OrderByDescending(n => n.Value).ThenBy(n => n.Key, StringComparer.Ordinal).First().Key;

    public void Remove(IndexedPost post)
    {
        Posts--;
        Words -= post.Summary.WordCount;
        Minutes -= post.Summary.ReadingTime;
        Decrement(histogram, post.Summary.ReadingTime);
        if (KeepsNames)
        {
            Decrement(names, post.Summary.Theme.Name);
        }

        var fifth = longest.Count == LongestCount ? longest[^1] : null;
        if (longest.RemoveAll(p => p.Key == post.Key) > 0 && Posts >= LongestCount)
        {
            // Every post outside the five sorts after the fifth: one that sorts before it fills the gap.
            missingLongest++;
            longestBoundary ??= fifth;
        }

        if (post.DateTicks is { } ticks && ticks == LatestTicks)
        {
            removedLatestTicks = ticks;
            LatestTicks = null;
            LatestDate = null;
        }
    }

    public void Add(IndexedPost post)
    {
        Posts++;
        Words += post.Summary.WordCount;
        Minutes += post.Summary.ReadingTime;
        histogram[post.Summary.ReadingTime] = histogram.GetValueOrDefault(post.Summary.ReadingTime) + 1;
        if (KeepsNames)
        {
            names[post.Summary.Theme.Name] = names.GetValueOrDefault(post.Summary.Theme.Name) + 1;
        }

        ConsiderForLongest(post);
        ConsiderForLatest(post);
    }

    /// <summary>Fills the gaps from the scope's other posts (which must not include the posts being changed).</summary>
    public void Refill(IEnumerable<IndexedPost> others)
    {
        var refillLongest = NeedsLongest;
        foreach (var post in others)
        {
            if (refillLongest && longest.All(p => p.Key != post.Key))
            {
                ConsiderForLongest(post);
            }

            ConsiderForLatest(post);
        }

        missingLongest = 0;
        removedLatestTicks = null;
    }

    /// <summary>The entity to store: the one read, with the new values.</summary>
    public TotalsEntity ToEntity()
    {
        Entity.Posts = Posts;
        Entity.Words = Words;
        Entity.Minutes = Minutes;
        Entity.HistogramJson = JsonSerializer.Serialize(histogram, ArchiveJson.Options);
        Entity.NamesJson = JsonSerializer.Serialize(names, ArchiveJson.Options);
        Entity.LongestJson = JsonSerializer.Serialize(longest.Select(p => new IndexedPostJson(p.Key, p.Summary, p.DateTicks)), ArchiveJson.Options);
        Entity.LatestTicks = LatestTicks;
        Entity.LatestDate = LatestDate;
        return Entity;
    }

    /// <summary>True when both hold the same figures (used by reconciling to find drift).</summary>
    public bool SameFiguresAs(ScopeTotals other) =>
        Posts == other.Posts && Words == other.Words && Minutes == other.Minutes && LatestTicks == other.LatestTicks
        && LatestDate == other.LatestDate
        && histogram.OrderBy(h => h.Key).SequenceEqual(other.histogram.OrderBy(h => h.Key))
        && names.OrderBy(n => n.Key, StringComparer.Ordinal).SequenceEqual(other.names.OrderBy(n => n.Key, StringComparer.Ordinal))
        && longest.Select(p => p.Summary).SequenceEqual(other.longest.Select(p => p.Summary), SummaryComparer.Instance);

    private void ConsiderForLongest(IndexedPost post)
    {
        if (missingLongest > 0 && longestBoundary is not null && IndexedPost.LongestFirst(post, longestBoundary) <= 0)
        {
            missingLongest--;
        }

        longest.Add(post);
        longest.Sort(IndexedPost.LongestFirst);
        if (longest.Count > LongestCount)
        {
            longest = longest.Take(LongestCount).ToList();
        }
    }

    private void ConsiderForLatest(IndexedPost post)
    {
        if (post.DateTicks is not { } ticks)
        {
            return;
        }

        if (ticks >= removedLatestTicks)
        {
            // No other post can be later than the latest that left.
            removedLatestTicks = null;
        }

        if (LatestTicks is null || ticks > LatestTicks)
        {
            LatestTicks = ticks;
            LatestDate = post.Summary.Date;
        }
    }

    private static void Decrement<TKey>(IDictionary<TKey, int> counts, TKey key)
    {
        if (counts.TryGetValue(key, out var n))
        {
            if (n <= 1)
            {
                counts.Remove(key);
            }
            else
            {
                counts[key] = n - 1;
            }
        }
    }

    private sealed record IndexedPostJson(string Key, StoredSummary Summary, long? DateTicks);

    private sealed class SummaryComparer : IEqualityComparer<StoredSummary>
    {
        public static readonly SummaryComparer Instance = new();

        public bool Equals(StoredSummary? x, StoredSummary? y) =>
            x is not null && y is not null
            && JsonSerializer.Serialize(x, ArchiveJson.Options) == JsonSerializer.Serialize(y, ArchiveJson.Options);

        public int GetHashCode(StoredSummary obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
    }
}
