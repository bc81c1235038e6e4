using System.Text.Json.Nodes;
using Archive.Core.Model;

namespace Archive.Core.Contract;

/// <summary>The large part of a post, kept apart from the summary: rendered body, source text and front-matter details.</summary>
public sealed record PostContent(
    string Html,
    string Markdown,
    string Text,
    DeclaredCounts Declared,
    JsonObject Extra,
    IReadOnlyList<string> Warnings)
{
    public static PostContent From(Post post) =>
        new(post.Html, post.Markdown, post.Text, post.Declared, post.Extra, post.Warnings);
}
