using System.Text;
using Archive.Testing;
using Archive.Core;
using Archive.Core.Model;
using Archive.Core.Parsing;

namespace Archive.Integration.Tests;

/// <summary>The benchmark corpus is what the benchmarks claim it is: deterministic, valid, and shaped like the archive.</summary>
public sealed class CorpusGeneratorTests
{
    private static List<byte[]> Generate(int seed, int count)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => CorpusGenerator.Post(random, i)).ToList();
    }

    [Fact]
    public void Same_seed_gives_the_same_bytes() =>
        Assert.Equal(Generate(7, 50), Generate(7, 50));

    [Fact]
    public void Every_post_parses_with_its_declared_counts_and_the_shape_holds()
    {
        var parser = new PostParser(new ParserOptions());
        var posts = Generate(42, 2000)
            .Select((bytes, i) => parser.Parse($"thread_{i:D5}.md", bytes, new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero)))
            .ToList();
        Assert.All(posts, p => Assert.Equal(ParseOutcome.Accepted, p.Outcome));
        var accepted = posts.Select(p => p.Post!).ToList();
        Assert.All(accepted, p => Assert.Equal(p.Declared.WordCount, p.WordCount));
        Assert.All(accepted, p => Assert.True(p.DateInferred));

        var words = accepted.Select(p => p.WordCount).Order().ToList();
        Assert.InRange(words[0], 150, 200);
        Assert.InRange(words[^1], 2500, 3000);
        Assert.InRange(words[words.Count / 2], 550, 650);

        Assert.Equal(12, accepted.Select(p => p.ThemeSlug).Distinct().Count());
        var byTheme = accepted.GroupBy(p => p.ThemeSlug).Select(g => g.Count()).OrderDescending().ToList();
        Assert.True(byTheme[0] > 4 * byTheme[^1], "themes are skewed");

        var repaired = accepted.Count(p => p.EncodingRepaired) / (double)accepted.Count;
        Assert.InRange(repaired, 0.01, 0.03);
    }
}
