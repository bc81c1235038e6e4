using Archive.Core.Stored;
using Archive.Storage.Tables;

namespace Archive.Storage.Totals;

/// <summary>
/// All totals as read in one request: each shard's rows, and their sums as readers see them (all
/// posts, and each theme).
/// </summary>
public sealed class TotalsSnapshot
{
    public TotalsSnapshot(IReadOnlyDictionary<int, ShardTotals> shards, IReadOnlyList<TotalsEntity> legacy)
    {
        Shards = shards;
        Legacy = legacy;
        Global = ScopeTotals.Merge(RowKeys.AllScope, shards.Values.Select(s => s.All).Where(a => a.Exists));
        Themes = shards.Values
            .SelectMany(s => s.Themes.Values)
            .GroupBy(t => t.Scope, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => ScopeTotals.Merge(g.Key, g), StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<int, ShardTotals> Shards { get; }

    /// <summary>Each stored shard's head (version, generation, log kept from, last ingest).</summary>
    public IReadOnlyDictionary<int, ShardHead> Heads => heads ??= Shards.Values.Where(s => s.All.Exists).ToDictionary(s => s.Shard, s => ShardHead.Of(s.All.Entity));

    private IReadOnlyDictionary<int, ShardHead>? heads;

    /// <summary>
    /// The totals the served <paramref name="posts"/> make, at the shards' <paramref name="heads"/>:
    /// what a reader that holds every post computes instead of reading the totals rows. The same
    /// arithmetic as the running totals and the recompute, so the figures are the same. A shard
    /// whose head is as in <paramref name="previous"/> is taken from it: its posts are the same
    /// (every change to a post moves its shard's version), so a change costs its shard's posts, not all.
    /// </summary>
    public static TotalsSnapshot Compute(IEnumerable<IndexedPost> posts, IReadOnlyDictionary<int, ShardHead> heads, TotalsSnapshot? previous = null)
    {
        var kept = previous is null
            ? []
            : heads.Where(h => previous.Heads.TryGetValue(h.Key, out var before) && before == h.Value).ToDictionary(h => h.Key, h => previous.Shards[h.Key]);
        var shards = ShardTotals.Compute(kept.Count == 0 ? posts : posts.Where(p => !kept.ContainsKey(TotalsShards.Of(p.Key)))).ToDictionary();
        foreach (var (shard, totals) in kept)
        {
            shards[shard] = totals;
        }

        foreach (var (shard, head) in heads.Where(h => !kept.ContainsKey(h.Key)))
        {
            var totals = shards.GetValueOrDefault(shard) ?? (shards[shard] = ShardTotals.Empty(shard));
            var all = totals.All.Entity;
            (all.Version, all.Generation, all.ChangesFrom, all.LastIngestAt) = (head.Version, head.Generation, head.ChangesFrom, head.LastIngestAt);

            // Stands for the stored row: what is merged and served counts only shards that exist.
            all.ETag = Azure.ETag.All;
        }

        return new TotalsSnapshot(shards.Where(s => heads.ContainsKey(s.Key)).ToDictionary(), []);
    }

    /// <summary>Rows of the unsharded layout, left by an earlier version: not counted; recomputing removes them.</summary>
    public IReadOnlyList<TotalsEntity> Legacy { get; }

    public ScopeTotals Global { get; }

    public IReadOnlyDictionary<string, ScopeTotals> Themes { get; }

    /// <summary>Changes whenever anything served changes: the ETag of every public response.</summary>
    public string ETag => $"\"{(Global.Entity.Generation.Length > 0 ? Global.Entity.Generation : "0")}.{Global.Entity.Version}\"";

    /// <summary>The theme with its display name (the spelling most of its posts use).</summary>
    public StoredTheme Theme(string slug, string fallbackName) =>
        Themes.TryGetValue(slug, out var theme) ? new StoredTheme(slug, theme.DisplayName) : new StoredTheme(slug, fallbackName);

    public StoredSummary WithThemeName(StoredSummary summary) => summary with { Theme = Theme(summary.Theme.Slug, summary.Theme.Name) };
}
