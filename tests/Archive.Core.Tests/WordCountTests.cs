using Archive.Core;
using Archive.Core.Text;

namespace Archive.Core.Tests;

/// <summary>§3: what counts as a word, and reading time.</summary>
public class WordCountTests
{
    private static int Words(string body, string title = "T") => Parse.Accepted(Parse.Post($"title: \"{title}\"", body)).WordCount;

    [Fact]
    public void Markdown_syntax_is_not_counted() =>
        Assert.Equal(7, Words("## Heading two\n\n- **bold** item\n- _it_ x\n\n---\n\n> quoted"));

    [Fact]
    public void Link_text_counts_and_link_urls_do_not() =>
        Assert.Equal(4, Words("see [the source](https://example.com/a \"a title\") here"));

    [Fact]
    public void Images_are_not_counted() => Assert.Equal(2, Words("before ![alt words here](x.png) after"));

    [Fact]
    public void Code_is_counted() => Assert.Equal(8, Words("run `dotnet test` now\n\n```\nvar x = 1;\n```"));

    [Fact]
    public void Emphasis_inside_a_word_does_not_split_it() => Assert.Equal(1, Words("un**believ**able"));

    [Fact]
    public void First_heading_equal_to_the_title_is_left_out()
    {
        Assert.Equal(2, Words("# My Title\n\nbody words", "My Title"));
        Assert.Equal(2, Words("#   My Title  \n\nbody words", " My Title "));
    }

    [Fact]
    public void First_heading_different_from_the_title_is_counted() =>
        Assert.Equal(4, Words("# Other Title\n\nbody words", "My Title"));

    [Fact]
    public void Only_the_first_heading_is_left_out() =>
        Assert.Equal(3, Words("# T\n\none\n\n# T\n\ntwo", "T"));

    [Fact]
    public void Each_cjk_character_is_a_word()
    {
        Assert.Equal(4, WordCounter.Count("日本語の"));
        Assert.Equal(8, WordCounter.Count("한국어 hello カタカナ"));
        Assert.Equal(5, WordCounter.Count("abc中文def x"));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(200, 1)]
    [InlineData(201, 2)]
    [InlineData(595, 3)]
    [InlineData(600, 3)]
    [InlineData(601, 4)]
    public void Reading_time_is_ceiling_of_words_over_200_and_at_least_one(int words, int minutes) =>
        Assert.Equal(minutes, WordCounter.ReadingMinutes(words, 200));

    [Fact]
    public void Words_per_minute_is_configurable()
    {
        var body = string.Join(' ', Enumerable.Repeat("word", 250));
        Assert.Equal(2, Parse.Accepted(Parse.Post("title: T", body)).ReadingTime);
        Assert.Equal(1, Parse.Accepted(Parse.Post("title: T", body), options: new ParserOptions { WordsPerMinute = 300 }).ReadingTime);
    }

    [Fact]
    public void Text_format_is_the_counted_plain_text()
    {
        var post = Parse.Accepted(Parse.Post("title: T", "# T\n\nA [link](http://x.y) and `code`."));
        Assert.Equal("A link and code.", post.Text);
    }
}
