using System.Text.Json.Nodes;
using Archive.Core.Model;

namespace Archive.Core.Stored;

/// <summary>The large part of a post as stored in its content blob, kept apart from the summary: rendered body, source text and front-matter details.</summary>
public sealed record StoredContent(
    string Html,
    string Markdown,
    string Text,
    DeclaredCounts Declared,
    JsonObject Extra,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The served images it references (§11); empty in content stored before them.</summary>
    public IReadOnlyList<PostMedia> Media { get; init; } = [];

    public static StoredContent From(Post post) =>
        new(post.Html, post.Markdown, post.Text, post.Declared, post.Extra, post.Warnings) { Media = post.Media };
}
