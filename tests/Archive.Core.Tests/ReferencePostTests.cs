using Archive.Core.Model;

namespace Archive.Core.Tests;

public class ReferencePostTests
{
    private static Post Reference() =>
        Parse.Bytes(Parse.ContentFile("thread_0311.md"), "thread_0311.md").Post
        ?? throw new InvalidOperationException("the reference post was not accepted");

    [Fact]
    public void Reference_post_counts_595_words_and_3_minutes()
    {
        var post = Reference();
        Assert.Equal(595, post.WordCount);
        Assert.Equal(3, post.ReadingTime);
        Assert.Equal(new DeclaredCounts(595, 3), post.Declared);
        Assert.Empty(post.Warnings);
    }

    [Fact]
    public void Reference_post_date_is_inferred_as_2024_06_18_when_uploaded_in_2026()
    {
        var post = Reference();
        Assert.Equal("2024-06-18", post.Date?.ToString());
        Assert.True(post.DateInferred);
        Assert.Equal("Tue Jun 18", post.DateText);
    }

    [Fact]
    public void Reference_post_thread_emoji_is_repaired()
    {
        var post = Reference();
        Assert.True(post.EncodingRepaired);
        Assert.Contains("🧵", post.Markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("ðŸ", post.Markdown, StringComparison.Ordinal);
        Assert.Contains("🧵", post.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Reference_post_identity_and_theme()
    {
        var post = Reference();
        Assert.Equal("thread_0311", post.Id);
        Assert.Equal("non-aggression pacts", post.Title);
        Assert.Equal("non-aggression-pacts", post.Slug);
        Assert.Equal("uncategorized", post.ThemeSlug);
        Assert.Equal("uncategorized", post.ThemeName);
        Assert.StartsWith("After Italy, Japan", post.Description, StringComparison.Ordinal);
        Assert.Empty(post.Tags);
        Assert.Empty(post.Extra);
        Assert.False(post.Draft);
    }
}
