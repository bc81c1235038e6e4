using Archive.Core.Model;

namespace Archive.Core.Stored;

/// <summary>
/// A post's summary as it is stored (a table property, the change log, the totals' longest posts).
/// The API maps it to its own response type, so a renamed response field never changes stored data.
/// </summary>
public sealed record StoredSummary
{
    public required string Id { get; init; }
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public string? Date { get; init; }
    public string? DateText { get; init; }
    public bool DateInferred { get; init; }
    public required string Description { get; init; }
    public required StoredTheme Theme { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public int WordCount { get; init; }
    public int ReadingTime { get; init; }
    public bool EncodingRepaired { get; init; }

    /// <summary>Its first served image (§11), or null.</summary>
    public PostImage? Image { get; init; }

    /// <summary>When the served version was ingested (§9).</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    public static StoredSummary From(Post post, DateTimeOffset updatedAt) => new()
    {
        Id = post.Id,
        Slug = post.Slug,
        Title = post.Title,
        Date = post.Date?.ToString(),
        DateText = post.DateText,
        DateInferred = post.DateInferred,
        Description = post.Description,
        Theme = new StoredTheme(post.ThemeSlug, post.ThemeName),
        Tags = post.Tags,
        WordCount = post.WordCount,
        ReadingTime = post.ReadingTime,
        EncodingRepaired = post.EncodingRepaired,
        Image = post.Image,
        UpdatedAt = updatedAt,
    };
}
