using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Archive.Core.Stored;

namespace Archive.Api.Contracts;

/// <summary>One post as <c>/api/posts/{id}</c> serves it: the summary plus body and details.</summary>
public sealed record PostDetail : PostSummary
{
    public required string Html { get; init; }
    public required DeclaredCounts Declared { get; init; }
    public required JsonObject Extra { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }
    public required PostSource Source { get; init; }

    /// <summary>Only with <c>?format=markdown</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Markdown { get; init; }

    /// <summary>Only with <c>?format=text</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    public static PostDetail From(PostSummary summary, StoredContent content, PostSource source, string? format) => new()
    {
        Id = summary.Id,
        Slug = summary.Slug,
        Title = summary.Title,
        Date = summary.Date,
        DateText = summary.DateText,
        DateInferred = summary.DateInferred,
        Description = summary.Description,
        Theme = summary.Theme,
        Tags = summary.Tags,
        WordCount = summary.WordCount,
        ReadingTime = summary.ReadingTime,
        EncodingRepaired = summary.EncodingRepaired,
        UpdatedAt = summary.UpdatedAt,
        Html = content.Html,
        Declared = new DeclaredCounts(content.Declared.WordCount, content.Declared.ReadingTime),
        Extra = content.Extra,
        Warnings = content.Warnings,
        Source = source,
        Markdown = format == "markdown" ? content.Markdown : null,
        Text = format == "text" ? content.Text : null,
    };
}
