using Archive.Storage.Tables;

namespace Archive.Storage.Totals;

/// <summary>One shard's totals as read in one request, with their ETags: what a writer changes.</summary>
public sealed class ShardTotals(int shard, ScopeTotals? all, IReadOnlyDictionary<string, ScopeTotals> themes)
{
    public int Shard { get; } = shard;

    /// <summary>The shard's all-posts row (a new one when the shard has never been written).</summary>
    public ScopeTotals All { get; } = all ?? ScopeTotals.Empty(RowKeys.AllScope, shard);

    public IReadOnlyDictionary<string, ScopeTotals> Themes { get; } = themes;

    /// <summary>A shard that has no rows yet.</summary>
    public static ShardTotals Empty(int shard) => new(shard, null, new Dictionary<string, ScopeTotals>());

    /// <summary>The shard's totals of a theme: the row read, or a new one.</summary>
    public ScopeTotals Theme(string slug) => Themes.TryGetValue(slug, out var stored) ? stored : ScopeTotals.Empty(slug, Shard);

    /// <summary>Groups rows read from the table by shard.</summary>
    public static IReadOnlyDictionary<int, ShardTotals> Group(IEnumerable<TotalsEntity> rows) =>
        rows.Where(r => RowKeys.ShardOf(r.RowKey) is not null)
            .GroupBy(r => RowKeys.ShardOf(r.RowKey)!.Value)
            .ToDictionary(
                g => g.Key,
                g => new ShardTotals(
                    g.Key,
                    g.Where(r => r.Scope == RowKeys.AllScope).Select(ScopeTotals.From).FirstOrDefault(),
                    g.Where(r => r.Scope != RowKeys.AllScope).ToDictionary(r => r.Scope, ScopeTotals.From, StringComparer.Ordinal)));

    /// <summary>Every shard's totals as <paramref name="posts"/> (served posts) make them.</summary>
    public static Dictionary<int, ShardTotals> Compute(IEnumerable<IndexedPost> posts)
    {
        var all = new Dictionary<int, ScopeTotals>();
        var themes = new Dictionary<int, Dictionary<string, ScopeTotals>>();
        foreach (var post in posts)
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
