using System.Text.Json;
using Archive.Core.Model;

namespace Archive.Core.Tests;

/// <summary>§1: the optional fields and what their absence means.</summary>
public class FieldTests
{
    [Fact]
    public void Missing_thread_id_is_the_blob_name_without_folder_and_extension() =>
        Assert.Equal("my-Post_1", Parse.Accepted(Parse.Post("title: T"), "2024/june/my-Post_1.markdown").Id);

    [Fact]
    public void Thread_id_is_served_as_written() =>
        Assert.Equal("Thread_0042", Parse.Accepted(Parse.Post("title: T\nthread_id: Thread_0042")).Id);

    [Theory]
    [InlineData("thread_id: has space")]
    [InlineData("thread_id: dots.not.allowed")]
    [InlineData("thread_id: é_accent")]
    public void Thread_id_breaking_the_rule_is_rejected(string frontMatter) =>
        Assert.Contains("is not valid", Parse.Rejected(Parse.Post("title: T\n" + frontMatter)), StringComparison.Ordinal);

    [Fact]
    public void Thread_id_of_128_characters_is_allowed_and_129_rejected()
    {
        Assert.Equal(128, Parse.Accepted(Parse.Post("title: T\nthread_id: " + new string('a', 128))).Id.Length);
        Parse.Rejected(Parse.Post("title: T\nthread_id: " + new string('a', 129)));
    }

    [Fact]
    public void Id_from_a_blob_name_that_breaks_the_rule_is_rejected() =>
        Assert.Contains("taken from the blob name", Parse.Rejected(Parse.Post("title: T"), "my post.md"), StringComparison.Ordinal);

    [Fact]
    public void Missing_description_is_the_whole_short_body() =>
        Assert.Equal("A short body with bold text.", Parse.Accepted(Parse.Post("title: T", "A short body\nwith **bold** text.")).Description);

    [Fact]
    public void Empty_description_is_an_excerpt_too() =>
        Assert.Equal("Body.", Parse.Accepted(Parse.Post("title: T\ndescription: \"\"", "Body.")).Description);

    [Fact]
    public void Long_body_excerpt_is_cut_at_a_word_boundary_to_160_characters_with_ellipsis()
    {
        var words = string.Join(' ', Enumerable.Range(0, 60).Select(i => $"word{i}"));
        var description = Parse.Accepted(Parse.Post("title: T", words)).Description;
        Assert.True(description.Length <= 160, $"{description.Length} characters");
        Assert.EndsWith("…", description, StringComparison.Ordinal);
        var kept = description[..^1];
        Assert.StartsWith(kept + " ", words, StringComparison.Ordinal);
        Assert.True(words.Length > kept.Length + 1 + 6, "the cut should keep as many whole words as fit");
    }

    [Fact]
    public void Excerpt_leaves_out_the_title_heading()
    {
        var post = Parse.Accepted(Parse.Post("title: Hello", "# Hello\n\nFirst paragraph."));
        Assert.Equal("First paragraph.", post.Description);
    }

    [Theory]
    [InlineData("# The Radium Girls\n\nThe dial painters were told the paint was safe.")]
    [InlineData("# The Radium Girls\n\nThe dial painters were told the paint was safe.\n<!--more-->\nThe rest.")]
    public void Excerpt_leaves_out_a_first_heading_whatever_its_text_but_the_count_keeps_it(string body)
    {
        // §1: "The Radium Girls The dial painters…" read as nonsense on the home page and in feeds.
        var post = Parse.Accepted(Parse.Post("title: Radium", body));
        Assert.Equal("The dial painters were told the paint was safe.", post.Description);
        Assert.StartsWith("The Radium Girls", post.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Stored_posts_whose_excerpt_the_heading_rule_changes_are_served_anew_and_no_other()
    {
        var changed = Parse.Accepted(Parse.Post("title: Radium", "# The Radium Girls\n\nBody."));
        var same = Parse.Accepted(Parse.Post("title: Plain", "# Plain\n\nBody."));
        Assert.NotEqual(changed.ContentHash, changed.RenderHash);
        Assert.Equal(same.ContentHash, same.RenderHash);
    }

    [Fact]
    public void More_marker_makes_the_excerpt_and_is_not_shown()
    {
        var post = Parse.Accepted(Parse.Post("title: M", "# M\n\nThe teaser *part*.\n<!--more-->\nThe rest of it."));
        Assert.Equal("The teaser part.", post.Description);
        Assert.DoesNotContain("more", post.Html, StringComparison.Ordinal);
        Assert.Contains("<p>The rest of it.</p>", post.Html, StringComparison.Ordinal);
        Assert.Equal(7, post.WordCount);
    }

    [Theory]
    [InlineData("", "uncategorized", "uncategorized")]
    [InlineData("primary_theme: \"\"", "uncategorized", "uncategorized")]
    [InlineData("primary_theme: Cold War History", "cold-war-history", "Cold War History")]
    [InlineData("primary_theme: Économie politique", "economie-politique", "Économie politique")]
    public void Theme_slug_and_name(string frontMatter, string slug, string name)
    {
        var post = Parse.Accepted(Parse.Post("title: T\n" + frontMatter));
        Assert.Equal(slug, post.ThemeSlug);
        Assert.Equal(name, post.ThemeName);
    }

    [Theory]
    [InlineData("Cold War History", "cold-war-history")]
    [InlineData("It’s a thread", "it-s-a-thread")]
    [InlineData("  Ça va?  Très bien! ", "ca-va-tres-bien")]
    [InlineData("Straße & Smørrebrød", "strasse-smorrebrod")]
    [InlineData("--Already--slugged--", "already-slugged")]
    public void Slugs_fold_accents_lower_case_and_join_with_single_dashes(string text, string slug) =>
        Assert.Equal(slug, Core.Text.Slug.From(text));

    [Fact]
    public void Title_whose_slug_is_empty_takes_the_id() =>
        Assert.Equal("abc", Parse.Accepted(Parse.Post("title: \"!!!\"\nthread_id: abc")).Slug);

    [Fact]
    public void Tags_are_served_as_written_and_default_to_empty()
    {
        Assert.Equal(["Cold War", "USSR"], Parse.Accepted(Parse.Post("title: T\ntags: [Cold War, USSR]")).Tags);
        Assert.Empty(Parse.Accepted(Parse.Post("title: T")).Tags);
    }

    [Fact]
    public void Draft_true_is_kept_on_the_post()
    {
        Assert.True(Parse.Accepted(Parse.Post("title: T\ndraft: true")).Draft);
        Assert.False(Parse.Accepted(Parse.Post("title: T\ndraft: false")).Draft);
    }

    [Fact]
    public void Declared_counts_are_kept_and_a_difference_is_a_warning()
    {
        var post = Parse.Accepted(Parse.Post("title: T\nword_count: 10\nreading_time: 1", "three words here"));
        Assert.Equal(new DeclaredCounts(10, 1), post.Declared);
        Assert.Equal(3, post.WordCount);
        Assert.Contains("declared word_count 10 differs from the computed 3", post.Warnings);
        Assert.DoesNotContain(post.Warnings, w => w.Contains("reading_time", StringComparison.Ordinal));
    }

    [Fact]
    public void Absent_declared_counts_are_null() =>
        Assert.Equal(DeclaredCounts.None, Parse.Accepted(Parse.Post("title: T")).Declared);

    [Fact]
    public void Other_fields_are_kept_in_extra_with_their_yaml_type()
    {
        var post = Parse.Accepted(Parse.Post(
            "title: T\nsource: twitter\nlikes: 42\nscore: 4.5\npinned: true\nquoted: \"42\"\nnothing: null\nlinks: [a, b]\nmeta: {k: v}"));
        var json = post.Extra.ToJsonString();
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("twitter", root.GetProperty("source").GetString());
        Assert.Equal(42, root.GetProperty("likes").GetInt32());
        Assert.Equal(4.5, root.GetProperty("score").GetDouble());
        Assert.True(root.GetProperty("pinned").GetBoolean());
        Assert.Equal("42", root.GetProperty("quoted").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("nothing").ValueKind);
        Assert.Equal(2, root.GetProperty("links").GetArrayLength());
        Assert.Equal("v", root.GetProperty("meta").GetProperty("k").GetString());
        Assert.False(root.TryGetProperty("title", out _));
    }

    [Fact]
    public void No_other_fields_means_empty_extra() => Assert.Empty(Parse.Accepted(Parse.Post("title: T")).Extra);
}
