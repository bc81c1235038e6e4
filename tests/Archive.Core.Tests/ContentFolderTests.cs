using Archive.Core.Model;

namespace Archive.Core.Tests;

/// <summary>The demo content the local stack loads must all be accepted.</summary>
public class ContentFolderTests
{
    public static TheoryData<string> ContentFiles()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "content")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ContentFiles))]
    public void Every_content_file_parses_without_rejection_or_count_warning(string file)
    {
        var result = Parse.Bytes(Parse.ContentFile(file), file);
        Assert.True(result.Outcome == ParseOutcome.Accepted, $"{file}: {result.Reason}");
        Assert.DoesNotContain(result.Post!.Warnings, w => w.StartsWith("declared", StringComparison.Ordinal));
    }

    [Fact]
    public void Content_spans_several_themes_and_lengths()
    {
        var posts = Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "content"))
            .Select(path => Parse.Bytes(File.ReadAllBytes(path), Path.GetFileName(path)).Post!)
            .ToList();
        Assert.True(posts.Count >= 13, $"{posts.Count} posts");
        Assert.True(posts.Select(p => p.ThemeSlug).Distinct().Count() >= 4);
        Assert.True(posts.Min(p => p.WordCount) <= 200);
        Assert.True(posts.Max(p => p.WordCount) >= 1000);
    }
}
