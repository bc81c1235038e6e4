using Archive.Core.Model;

namespace Archive.Core.Contract;

/// <summary>A post as lists serve it (contract §4, PostSummary).</summary>
public record PostSummary
{
    public required string Id { get; init; }
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public string? Date { get; init; }
    public string? DateText { get; init; }
    public bool DateInferred { get; init; }
    public required string Description { get; init; }
    public required ThemeRef Theme { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public int WordCount { get; init; }
    public int ReadingTime { get; init; }
    public bool EncodingRepaired { get; init; }

    /// <summary>When the served version was ingested (§9): what a syncing client or a feed reader compares.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    public static PostSummary From(Post post, DateTimeOffset updatedAt) => new()
    {
        Id = post.Id,
        Slug = post.Slug,
        Title = post.Title,
        Date = post.Date?.ToString(),
        DateText = post.DateText,
        DateInferred = post.DateInferred,
        Description = post.Description,
        Theme = new ThemeRef(post.ThemeSlug, post.ThemeName),
        Tags = post.Tags,
        WordCount = post.WordCount,
        ReadingTime = post.ReadingTime,
        EncodingRepaired = post.EncodingRepaired,
        UpdatedAt = updatedAt,
    };
}
