using System.Text;
using Archive.Testing;
using Archive.Core.Model;
using Archive.Core.Parsing;

namespace Archive.Core.Tests;

/// <summary>Hostile files: each is rejected with the reason of the limit it breaks, or served safely; none reaches the catch-all.</summary>
public class HostileInputTests
{
    public static TheoryData<HostileFile> Files => new(HostileFiles.All);

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_hostile_file_gets_its_own_answer(HostileFile file)
    {
        var result = Parse.Bytes(file.Bytes, file.BlobName);
        if (!file.Accepted)
        {
            Assert.True(result.Outcome == ParseOutcome.Rejected, $"{file.Name}: {result.Outcome}");
            Assert.Contains(file.Expect!, result.Reason, StringComparison.Ordinal);
            return;
        }

        Assert.True(result.Outcome == ParseOutcome.Accepted, $"{file.Name}: {result.Outcome} {result.Reason}");
        if (file.Expect is not null)
        {
            Assert.Contains(result.Post!.Warnings, w => w.Contains(file.Expect, StringComparison.Ordinal));
        }

        if (file.Title is not null)
        {
            Assert.Equal(file.Title, result.Post!.Title);
        }
    }

    [Fact]
    public void A_shallow_alias_is_expanded_as_before()
    {
        var post = Parse.Accepted(Parse.Post("title: T\nbase: &b {x: 1}\ncopy: *b"));
        Assert.Equal(1L, (long)post.Extra["copy"]!["x"]!);
    }

    [Fact]
    public void Nesting_at_the_limit_is_accepted_and_one_past_it_rejected()
    {
        var options = new ParserOptions { MaxNestingDepth = 8 };
        // The front matter's mapping is the first level.
        Parse.Accepted(Parse.Post("title: T\nx: " + new string('[', 7) + new string(']', 7)), options: options);
        Assert.Contains("nested more than 8", Parse.Rejected(Parse.Post("title: T\nx: " + new string('[', 8) + new string(']', 8)), options: options), StringComparison.Ordinal);
    }

    [Fact]
    public void Many_links_in_short_paragraphs_are_fine_where_one_long_paragraph_is_not()
    {
        var shortParagraphs = string.Concat(Enumerable.Repeat("See [a](https://example.org/a) and https://example.org/b.\n\n", 5_000));
        Parse.Accepted(Parse.Post("title: T", shortParagraphs));
        var oneParagraph = shortParagraphs.Replace("\n\n", " ", StringComparison.Ordinal);
        Assert.Contains("too many links", Parse.Rejected(Parse.Post("title: T", oneParagraph)), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_escapes_only_what_json_requires()
    {
        // Served as application/json with nosniff: markup characters and backticks stay as they are;
        // quotes, backslashes and control characters are escaped, as JSON requires.
        var post = Parse.Accepted(Parse.Post("title: \"<script>x</script> & 'q' \\t `b` \\\\ \\\" end\""));
        var json = System.Text.Json.JsonSerializer.Serialize(Archive.Core.Stored.StoredSummary.From(post, DateTimeOffset.UnixEpoch), Archive.Core.Stored.ArchiveJson.Options);
        Assert.Contains("\"title\":\"<script>x</script> & 'q' \\t `b` \\\\ \\\" end\"", json, StringComparison.Ordinal);
        var read = System.Text.Json.JsonSerializer.Deserialize<Archive.Core.Stored.StoredSummary>(json, Archive.Core.Stored.ArchiveJson.Options)!;
        Assert.Equal(post.Title, read.Title);
    }

    [Theory]
    [InlineData(" : z")]
    [InlineData("!!b]b\t")]
    public void Yaml_that_yamldotnet_refuses_with_an_argument_exception_is_invalid_yaml_with_its_place(string frontMatter)
    {
        // Found by PropertyTests once the parser stopped catching everything: an empty key, a tag that is not a URI.
        var reason = Parse.Rejected(Parse.Post(frontMatter));
        Assert.StartsWith("invalid YAML", reason, StringComparison.Ordinal);
        Assert.Contains("line ", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf16_without_a_bom_is_not_guessed()
    {
        // Without a BOM the bytes are not read as UTF-16: every other byte is a NUL, so there is no
        // front-matter line and no title, and the post is rejected (it is not accepted under a garbled title).
        var bytes = new UnicodeEncoding(false, false).GetBytes(Parse.Post("title: T"));
        var result = Parse.Bytes(bytes);
        Assert.Equal(ParseOutcome.Rejected, result.Outcome);
        Assert.StartsWith("no title: no front matter", result.Reason, StringComparison.Ordinal);
    }
}
