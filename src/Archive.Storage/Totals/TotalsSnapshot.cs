using Archive.Core.Contract;

namespace Archive.Storage.Totals;

/// <summary>All totals as read in one request: the global ones and each theme's.</summary>
public sealed record TotalsSnapshot(ScopeTotals Global, IReadOnlyDictionary<string, ScopeTotals> Themes)
{
    /// <summary>Changes whenever anything served changes: the ETag of every public response.</summary>
    public string ETag => $"\"{(Global.Entity.Generation.Length > 0 ? Global.Entity.Generation : "0")}.{Global.Entity.Version}\"";

    /// <summary>The theme with its display name (the spelling most of its posts use).</summary>
    public ThemeRef Theme(string slug, string fallbackName) =>
        Themes.TryGetValue(slug, out var theme) ? new ThemeRef(slug, theme.DisplayName) : new ThemeRef(slug, fallbackName);

    public PostSummary WithThemeName(PostSummary summary) => summary with { Theme = Theme(summary.Theme.Slug, summary.Theme.Name) };
}
