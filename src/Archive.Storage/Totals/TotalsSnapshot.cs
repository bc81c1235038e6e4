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
