using Archive.Testing;
using System.Diagnostics;
using System.Text;
using Archive.Core;
using Archive.Core.Model;
using Archive.Core.Parsing;

namespace Archive.Benchmarks;

/// <summary>
/// Parses every hostile file, and each markdown construct repeated to fill the size limit, and
/// prints the outcome and the parse time of each (the median of three), then the slowest.
/// </summary>
public static class HostileCommand
{
    private static readonly string[] Constructs =
    [
        "*", "_", "**a", "~~", "[", "]", "](", "[a](", "![", "# a\n", "a\n=\n", ">", "> ", "- ", "1. ", "`", "```\n", "<a",
        "http://a.b ", "www.a.b ", "|", "a|b\n", "\n", "[^1]", "[^1]: a\n", "&amp;", "\\", "*a_ ", "*a* ", "[a] ", "[a]: b\n", "ab cd ",
    ];

    public static int Run()
    {
        var parser = new PostParser(new ParserOptions());
        var uploaded = DateTimeOffset.UtcNow;
        var rows = HostileFiles.All.Select(f => (f.Name, f.Bytes)).ToList();
        foreach (var construct in Constructs)
        {
            // Just under the size limit, so that the construct's own cost is what is measured, not the size check.
            var times = (ParserOptions.DefaultMaxBlobBytes - 64) / Encoding.UTF8.GetByteCount(construct);
            var body = new StringBuilder(construct.Length * times).Insert(0, construct, times).ToString();
            rows.Add(($"1 MiB of {Printable(construct)}", Encoding.UTF8.GetBytes($"---\ntitle: T\nthread_id: stress\n---\n{body}")));
        }

        var slowest = (Name: string.Empty, Ms: 0.0);
        foreach (var (name, bytes) in rows)
        {
            ParseResult? result = null;
            var times = new List<double>();
            for (var run = 0; run < 3; run++)
            {
                var clock = Stopwatch.StartNew();
                result = parser.Parse("hostile.md", bytes, uploaded);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            var ms = times.Order().ElementAt(1);
            slowest = ms > slowest.Ms ? (name, ms) : slowest;
            var what = result!.Outcome == ParseOutcome.Accepted
                ? "accepted" + (result.Post!.Warnings.Count > 0 ? $" ({result.Post.Warnings[0]})" : string.Empty)
                : $"rejected: {result.Reason}";
            Console.WriteLine($"{name,-28} {bytes.Length,8} bytes {ms,8:F1} ms  {Cut(what, 110)}");
        }

        Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB");
        Console.WriteLine($"slowest parse: {slowest.Ms:F1} ms ({slowest.Name})");
        return 0;
    }

    /// <summary>Writes every hostile file into the folder, as an owner's folder of posts, for an ingest run.</summary>
    public static int Write(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in HostileFiles.All)
        {
            File.WriteAllBytes(Path.Combine(folder, file.BlobName), file.Bytes);
        }

        // §11's hostile images beside them: each must be rejected, or served as the image it is, without a crash or a stall.
        foreach (var (file, bytes) in HostileImages)
        {
            File.WriteAllBytes(Path.Combine(folder, file), bytes);
        }

        Console.WriteLine($"wrote {HostileFiles.All.Count} hostile files ({HostileFiles.All.Count(f => !f.Accepted)} to be rejected) and {HostileImages.Count} hostile images to {folder}");
        return 0;
    }

    private static readonly IReadOnlyList<(string File, byte[] Bytes)> HostileImages =
    [
        ("pixel-bomb.png", TestImages.PixelBomb()),
        ("truncated.png", TestImages.Truncated()),
        ("huge-metadata.jpg", TestImages.HugeMetadata(9_000_000)),
        ("frames.gif", TestImages.AnimatedGif(5_000, 64, 64)),
        ("polyglot.gif", TestImages.Polyglot()),
        ("script.svg", System.Text.Encoding.UTF8.GetBytes(TestImages.HostileSvg)),
        ("html.png", System.Text.Encoding.UTF8.GetBytes("<!doctype html><script>alert(1)</script>")),
        ("photo-4000x3000.jpg", TestImages.Jpeg(4000, 3000)),
    ];

    private static string Printable(string construct) => construct.Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
