using Archive.Testing;
using Archive.Core;
using Archive.Core.Parsing;
using BenchmarkDotNet.Attributes;

namespace Archive.Benchmarks;

/// <summary>Time and allocations of parsing one post (front matter, markdown to sanitized HTML and plain text, counts, dates, repair).</summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private readonly PostParser parser = new(new ParserOptions());
    private readonly DateTimeOffset uploaded = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);
    private byte[] post = [];

    [Params(150, 600, 3000)]
    public int Words { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // The first generated post of exactly this length.
        var random = new Random(Words);
        do
        {
            post = CorpusGenerator.Post(random, Words);
        }
        while (Math.Abs(System.Text.Encoding.UTF8.GetString(post).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length - Words) > Words / 3);
    }

    [Benchmark]
    public int Parse() => parser.Parse("thread.md", post, uploaded).Post!.WordCount;
}
