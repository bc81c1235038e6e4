using System.Diagnostics.CodeAnalysis;
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

    /// <summary>Its served images, each once, in the order first referenced (§11).</summary>
    public required IReadOnlyList<MediaItem> Media { get; init; }

    /// <summary>Only with <c>?format=markdown</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Markdown { get; init; }

    /// <summary>Only with <c>?format=text</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    /// <summary>For deserializing (clients such as the CLI read it back).</summary>
    public PostDetail()
    {
    }

    /// <summary>The summary as it is, with the post's body and details (§4).</summary>
    [SetsRequiredMembers]
    private PostDetail(PostSummary summary, StoredContent content, PostSource source, string? format)
        : base(summary)
    {
        Html = content.Html;
        Declared = new DeclaredCounts(content.Declared.WordCount, content.Declared.ReadingTime);
        Extra = content.Extra;
        Warnings = content.Warnings;
        Source = source;
        Media = [.. content.Media.Select(MediaItem.From)];
        Markdown = format == "markdown" ? content.Markdown : null;
        Text = format == "text" ? content.Text : null;
    }

    public static PostDetail From(PostSummary summary, StoredContent content, PostSource source, string? format) => new(summary, content, source, format);
}
