using System.Text;
using Archive.Core.Model;

namespace Archive.Core.Tests;

/// <summary>§1: which blobs are posts, how bytes become text, and front matter.</summary>
public class InputTests
{
    [Theory]
    [InlineData("a.md")]
    [InlineData("folder/a.MD")]
    [InlineData("a.markdown")]
    [InlineData("a.MarkDown")]
    public void Markdown_blobs_in_any_case_are_posts(string blob) =>
        Assert.Equal(ParseOutcome.Accepted, Parse.Text(Parse.Post("title: T"), blob).Outcome);

    [Theory]
    [InlineData("a.txt")]
    [InlineData("image.png")]
    [InlineData("a.md.bak")]
    public void Other_blobs_are_ignored_not_rejected(string blob)
    {
        var result = Parse.Text(Parse.Post("title: T"), blob);
        Assert.Equal(ParseOutcome.Ignored, result.Outcome);
        Assert.Contains(blob, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf8_bom_is_ignored()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Parse.Post("title: Café"))).ToArray();
        var post = Parse.Bytes(bytes).Post!;
        Assert.Equal("Café", post.Title);
        Assert.False(post.EncodingRepaired);
    }

    [Fact]
    public void Crlf_and_lf_parse_the_same()
    {
        var lf = Parse.Post("title: Lines\ndescription: d", "# Lines\n\none two\nthree");
        var a = Parse.Accepted(lf);
        var b = Parse.Accepted(lf.Replace("\n", "\r\n", StringComparison.Ordinal));
        Assert.Equal(a.WordCount, b.WordCount);
        Assert.Equal(3, b.WordCount);
        Assert.Equal(a.Html, b.Html);
        Assert.Equal("d", b.Description);
    }

    [Fact]
    public void Invalid_utf8_is_decoded_as_windows_1252_and_flagged()
    {
        // "café – ok" written by an editor in Windows-1252.
        var bytes = Encoding.ASCII.GetBytes("---\ntitle: caf").Concat(new byte[] { 0xE9 })
            .Concat(Encoding.ASCII.GetBytes("\n---\n\nIt costs ")).Concat(new byte[] { 0x80 })
            .Concat(Encoding.ASCII.GetBytes("5 ")).Concat(new byte[] { 0x96 }).Concat(Encoding.ASCII.GetBytes(" cheap.\n"))
            .ToArray();
        var post = Parse.Bytes(bytes).Post!;
        Assert.Equal("café", post.Title);
        Assert.Contains("It costs €5 – cheap.", post.Text, StringComparison.Ordinal);
        Assert.True(post.EncodingRepaired);
    }

    [Fact]
    public void Front_matter_may_close_with_three_dots()
    {
        var post = Parse.Accepted("---\ntitle: Dots\n...\nBody here.\n");
        Assert.Equal("Dots", post.Title);
        Assert.Equal("Body here.", post.Text);
    }

    [Fact]
    public void Without_front_matter_the_title_is_the_first_heading()
    {
        var post = Parse.Accepted("Intro line.\n\n# The Heading\n\nBody words here.\n", "no-front.md");
        Assert.Equal("The Heading", post.Title);
        Assert.Equal("no-front", post.Id);
        Assert.Equal(5, post.WordCount);
    }

    [Fact]
    public void Unclosed_front_matter_is_rejected()
    {
        var reason = Parse.Rejected("---\ntitle: Open\n\nBody\n");
        Assert.Contains("never closed", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_yaml_is_rejected_with_line_and_column()
    {
        var reason = Parse.Rejected("---\ntitle: ok\ndate: [unclosed\n---\nBody\n");
        Assert.Matches(@"invalid YAML in front matter at line \d+, column \d+: ", reason);
    }

    [Fact]
    public void Yaml_error_line_counts_from_the_top_of_the_file()
    {
        var reason = Parse.Rejected("---\ntitle: ok\ndescription: \"x\" y\n---\nBody\n");
        Assert.Contains("line 3, column", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unclosed_flow_sequence_is_a_yaml_error_with_its_line() =>
        Assert.Contains("invalid YAML in front matter at line 2", Parse.Rejected("---\ntitle: [broken\nthread_id: keep\n---\nBody\n"), StringComparison.Ordinal);

    [Fact]
    public void Front_matter_that_is_not_a_mapping_is_rejected() =>
        Assert.Contains("mapping", Parse.Rejected("---\n- a\n- b\n---\nBody\n"), StringComparison.Ordinal);

    [Theory]
    [InlineData("description: no title here")]
    [InlineData("title: \"   \"")]
    [InlineData("title:")]
    public void A_post_without_a_title_is_rejected(string frontMatter) =>
        Assert.Contains("no title", Parse.Rejected(Parse.Post(frontMatter)), StringComparison.Ordinal);

    [Fact]
    public void A_post_without_front_matter_or_heading_is_rejected() =>
        Assert.Contains("no title", Parse.Rejected("Just text, no heading.\n"), StringComparison.Ordinal);

    [Fact]
    public void Title_that_is_a_list_is_rejected() =>
        Assert.Contains("'title' must be text", Parse.Rejected(Parse.Post("title: [a, b]")), StringComparison.Ordinal);

    [Fact]
    public void Blob_over_the_size_limit_is_rejected_and_the_limit_is_configurable()
    {
        var text = Parse.Post("title: Big", new string('x', 2000));
        Assert.Equal(ParseOutcome.Accepted, Parse.Text(text).Outcome);
        var reason = Parse.Rejected(text, options: new ParserOptions { MaxBlobBytes = 1000 });
        Assert.Contains("over the size limit of 1000 bytes", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_size_limit_is_one_mebibyte()
    {
        var body = new string('a', 1024 * 1024);
        Assert.Contains("size limit of 1048576", Parse.Rejected(Parse.Post("title: T", body)), StringComparison.Ordinal);
    }

    [Fact]
    public void Content_hash_is_sha256_of_the_bytes()
    {
        var result = Parse.Text("---\ntitle: h\n---\n");
        Assert.Equal(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("---\ntitle: h\n---\n"))),
            result.ContentHash);
        Assert.Equal(result.ContentHash, result.Post!.ContentHash);
    }
}
