
namespace Archive.Api.Contracts;

public sealed record PostList(IReadOnlyList<PostSummary> Items, string? NextCursor);

public sealed record ThemeItem(string Slug, string Name, int Posts, long Words, long ReadingMinutes, string? LatestDate);

public sealed record ThemeList(IReadOnlyList<ThemeItem> Items);

public sealed record ThemePage(ThemeItem Theme, IReadOnlyList<PostSummary> Items, string? NextCursor);

public sealed record Health(string Status, int Posts, DateTimeOffset? LastIngestAt);

public sealed record RejectionItem(string Blob, string Reason, DateTimeOffset At);

public sealed record RejectionList(IReadOnlyList<RejectionItem> Items);

public sealed record TagItem(string Slug, string Name, int Posts);

public sealed record TagList(IReadOnlyList<TagItem> Items);
