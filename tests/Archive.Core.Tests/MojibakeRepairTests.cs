using Archive.Core.Text;

namespace Archive.Core.Tests;

/// <summary>§1: mojibake is repaired; correct text is never changed.</summary>
public class MojibakeRepairTests
{
    [Theory]
    [InlineData("ðŸ§µ", "🧵")]
    [InlineData("Itâ€™s", "It’s")]
    [InlineData("cafÃ©", "café")]
    [InlineData("â€œquotedâ€\u009d", "“quoted”")]
    [InlineData("100Â\u00A0km", "100\u00A0km")]
    [InlineData("ÃƒÂ©", "é")]
    public void Mojibake_is_repaired(string garbled, string expected) =>
        Assert.Equal(expected, MojibakeRepair.Repair(garbled));

    [Theory]
    [InlineData("SÃO PAULO")]
    [InlineData("Ã s vezes")]
    [InlineData("café, naïve, Zürich, São Paulo")]
    [InlineData("🧵 emoji and “quotes” — dashes")]
    [InlineData("日本語とカタカナ")]
    [InlineData("Â")]
    [InlineData("£5 or €5, 10°C, µs")]
    public void Correct_text_is_never_changed(string text) =>
        Assert.Same(text, MojibakeRepair.Repair(text));

    [Fact]
    public void Repair_applies_to_title_description_tags_and_body_and_flags_the_post()
    {
        var post = Parse.Accepted(Parse.Post(
            "title: \"Itâ€™s here\"\ndescription: \"cafÃ©\"\ntags: [\"naÃ¯ve\"]",
            "Body ðŸ§µ text."));
        Assert.Equal("It’s here", post.Title);
        Assert.Equal("café", post.Description);
        Assert.Equal(["naïve"], post.Tags);
        Assert.Contains("🧵", post.Markdown, StringComparison.Ordinal);
        Assert.True(post.EncodingRepaired);
        Assert.Equal("it-s-here", post.Slug);
    }

    [Fact]
    public void Correct_post_is_not_flagged()
    {
        var post = Parse.Accepted(Parse.Post("title: \"SÃO PAULO\"", "Ã s vezes, café."));
        Assert.False(post.EncodingRepaired);
        Assert.Equal("SÃO PAULO", post.Title);
        Assert.Equal("Ã s vezes, café.", post.Text);
    }
}
