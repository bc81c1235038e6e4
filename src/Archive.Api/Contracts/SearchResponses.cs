
namespace Archive.Api.Contracts;

/// <summary><c>/api/search</c> (§8): the query as given, how many posts match, a page of them best first.</summary>
public sealed record SearchResult(string Query, int Total, IReadOnlyList<SearchItem> Items, string? NextCursor);

/// <summary>A post found: its score, and its text around the best match with the matched words in <c>&lt;mark&gt;</c>, everything else escaped.</summary>
public sealed record SearchItem(PostSummary Post, double Score, string Snippet);

public sealed record RelatedList(IReadOnlyList<RelatedItem> Items);

public sealed record RelatedItem(PostSummary Post, double Score);

/// <summary><c>/api/admin/theme-suggestions</c>: for each uncategorized post, the themes its text is most like.</summary>
public sealed record ThemeSuggestionList(IReadOnlyList<ThemeSuggestion> Items);

public sealed record ThemeSuggestion(PostSummary Post, IReadOnlyList<SuggestedTheme> Themes);

public sealed record SuggestedTheme(string Slug, string Name, double Score);
