using System.Text;
using Archive.Core;
using Archive.Core.Model;
using Archive.Core.Parsing;

namespace Archive.Core.Tests;

/// <summary>Shorthands for parsing test input as an upload would arrive.</summary>
internal static class Parse
{
    public static readonly DateTimeOffset UploadedIn2026 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    public static ParseResult Bytes(byte[] bytes, string blob = "post.md", ParserOptions? options = null, DateTimeOffset? lastModified = null) =>
        new PostParser(options ?? new ParserOptions()).Parse(blob, bytes, lastModified ?? UploadedIn2026);

    public static ParseResult Text(string text, string blob = "post.md", ParserOptions? options = null, DateTimeOffset? lastModified = null) =>
        Bytes(Encoding.UTF8.GetBytes(text), blob, options, lastModified);

    public static Post Accepted(string text, string blob = "post.md", ParserOptions? options = null, DateTimeOffset? lastModified = null)
    {
        var result = Text(text, blob, options, lastModified);
        Assert.True(result.Outcome == ParseOutcome.Accepted, $"expected a post, got {result.Outcome}: {result.Reason}");
        return result.Post!;
    }

    public static string Rejected(string text, string blob = "post.md", ParserOptions? options = null)
    {
        var result = Text(text, blob, options);
        Assert.True(result.Outcome == ParseOutcome.Rejected, $"expected a rejection, got {result.Outcome}");
        return result.Reason!;
    }

    /// <summary>A post with the given front matter lines and body.</summary>
    public static string Post(string frontMatter, string body = "Some body text.") =>
        $"---\n{frontMatter}\n---\n\n{body}\n";

    public static byte[] ContentFile(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "content", name));
}
