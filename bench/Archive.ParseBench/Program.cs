using System.Diagnostics;
using Archive.Core;
using Archive.Core.Model;
using Archive.Core.Parsing;

// Reads and parses every post of a folder on all cores (front matter, markdown to sanitized HTML
// and plain text, word count, dates, repair) and prints the figures compare-parsers.sh reads.
var folder = args.Length > 0 ? args[0] : "corpus";
var threads = args.Length > 1 ? int.Parse(args[1]) : Environment.ProcessorCount;
var files = Directory.GetFiles(folder, "*.md");
var parser = new PostParser(new ParserOptions());
var uploaded = DateTimeOffset.UtcNow;
long words = 0;
long html = 0;
var rejected = 0;
var clock = Stopwatch.StartNew();
Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = threads }, file =>
{
    var result = parser.Parse(Path.GetFileName(file), File.ReadAllBytes(file), uploaded);
    if (result.Outcome == ParseOutcome.Accepted)
    {
        Interlocked.Add(ref words, result.Post!.WordCount);
        Interlocked.Add(ref html, result.Post.Html.Length);
    }
    else if (Interlocked.Increment(ref rejected) <= 3)
    {
        // A rejected post means the figures are of less than was given: say which and why.
        Console.Error.WriteLine($"rejected {Path.GetFileName(file)}: {result.Reason}");
    }
});
var seconds = clock.Elapsed.TotalSeconds;
Console.WriteLine($"posts: {files.Length}");
Console.WriteLine($"rejected: {rejected}");
Console.WriteLine($"words: {words}");
Console.WriteLine($"html_chars: {html}");
Console.WriteLine($"seconds: {seconds:F3}");
Console.WriteLine($"posts_per_second: {files.Length / seconds:F0}");
return rejected == 0 ? 0 : 1;
