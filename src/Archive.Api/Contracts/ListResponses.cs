
namespace Archive.Api.Contracts;

public sealed record PostList(IReadOnlyList<PostSummary> Items, string? NextCursor);

public sealed record ThemeItem(string Slug, string Name, int Posts, long Words, long ReadingMinutes, string? LatestDate)
{
    public static ThemeItem From(Storage.Totals.ScopeTotals theme) =>
        new(theme.Scope, theme.DisplayName, theme.Posts, theme.Words, theme.Minutes, theme.LatestDate);

    /// <summary>Every theme as <c>/api/themes</c> and the themes page list them: most posts first, ties by slug.</summary>
    public static List<ThemeItem> AllOf(Storage.Totals.TotalsSnapshot snapshot) =>
        [.. snapshot.Themes.Values.OrderByDescending(t => t.Posts).ThenBy(t => t.Scope, StringComparer.Ordinal).Select(From)];
}

public sealed record ThemeList(IReadOnlyList<ThemeItem> Items);

public sealed record ThemePage(ThemeItem Theme, IReadOnlyList<PostSummary> Items, string? NextCursor);

/// <summary>§4: <c>ok</c>, or <c>degraded</c> while the instance serves what it holds, each cause in <c>problems</c>.</summary>
public sealed record Health(string Status, int Posts, DateTimeOffset? LastIngestAt, IReadOnlyList<string> Problems);

public sealed record RejectionItem(string Blob, string Reason, DateTimeOffset At);

public sealed record RejectionList(IReadOnlyList<RejectionItem> Items);

public sealed record TagItem(string Slug, string Name, int Posts);

public sealed record TagList(IReadOnlyList<TagItem> Items);
