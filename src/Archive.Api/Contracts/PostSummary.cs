using Archive.Core.Stored;

namespace Archive.Api.Contracts;

/// <summary>A post as lists serve it (contract §4, PostSummary), mapped from its stored summary.</summary>
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

    /// <summary>Its first image (§11: <c>url</c> absolute, <c>alt</c>, <c>width</c>, <c>height</c>), or null.</summary>
    public ImageRef? Image { get; init; }

    /// <summary>When the served version was ingested (§9): what a syncing client or a feed reader compares.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    public static PostSummary From(StoredSummary stored) => new()
    {
        Id = stored.Id,
        Slug = stored.Slug,
        Title = stored.Title,
        Date = stored.Date,
        DateText = stored.DateText,
        DateInferred = stored.DateInferred,
        Description = stored.Description,
        Theme = new ThemeRef(stored.Theme.Slug, stored.Theme.Name),
        Tags = stored.Tags,
        WordCount = stored.WordCount,
        ReadingTime = stored.ReadingTime,
        EncodingRepaired = stored.EncodingRepaired,
        Image = stored.Image is { } image ? new ImageRef(image.Url, image.Alt, image.Width, image.Height) : null,
        UpdatedAt = stored.UpdatedAt,
    };
}
