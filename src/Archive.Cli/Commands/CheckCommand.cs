using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Archive.Api.Contracts;
using Archive.Core.Model;
using Archive.Core.Parsing;
using Archive.Core.Stored;
using Archive.Media;
using Spectre.Console;

namespace Archive.Cli.Commands;

/// <summary>
/// <c>archive check &lt;folder&gt;</c>: parses offline with the parser and settings the hosts use
/// (invalid settings stop it, as they stop a host), and shows what each post would be and every
/// rejection: a table on a terminal, one line per file when redirected, JSON with <c>--json</c>.
/// </summary>
public static class CheckCommand
{
    public static Command Create(CommonOptions common)
    {
        var folder = new Argument<string>("folder") { Description = "Folder of markdown posts (or one file)" };
        var json = new Option<bool>("--json") { Description = "One JSON document for machines: every file, accepted or rejected" };
        var table = new Option<bool>("--table") { Description = "The table even when the output is redirected (as wide as COLUMNS says, else 80)" };
        var command = new Command("check", "Parse posts offline; exits non-zero when any would be rejected") { folder, json, table, common.Verbose };
        command.SetAction(parse =>
        {
            var configuration = CliConfiguration.Build(null, null);
            try
            {
                return Run(parse.GetValue(folder)!, configuration, parse.GetValue(json), parse.GetValue(table));
            }
            catch (Exception error)
            {
                return CliError.Report(error, configuration, parse.GetValue(common.Verbose));
            }
        });
        return command;
    }

    public static int Run(string path, IConfiguration configuration, bool json = false, bool table = false)
    {
        // The hosts' own registration: the same options, validated the same way, and the same parser; no storage.
        using var services = ArchiveServices.BuildParser(configuration);
        var parser = services.GetRequiredService<PostParser>();
        var items = PostUploader.Collect([path], out var problems, out var ignored);
        var results = new List<Checked>(problems.Select(p => new Checked(path, null, null, p)));
        var resolved = new OfflineReferences();
        results.AddRange(CheckImages(items, services.GetRequiredService<ImageProcessor>(), resolved));
        var posts = items.Where(i => PostBlobName.IsPost(i.BlobName)).ToList();
        var parsed = posts.Select(item => parser.Parse(item.BlobName, File.ReadAllBytes(item.Path), File.GetLastWriteTimeUtc(item.Path))).ToList();
        resolved.AddPosts(posts.Select(p => p.BlobName).Zip(parsed));
        var owners = new IdOwners();
        foreach (var (item, first) in posts.Zip(parsed))
        {
            // As an ingest does: a post that references images or posts is rendered again with them as the folder has them.
            var result = first.Post is { References.Count: > 0 }
                ? parser.Parse(item.BlobName, File.ReadAllBytes(item.Path), File.GetLastWriteTimeUtc(item.Path), resolved.Resolved)
                : first;
            if (result.Outcome == ParseOutcome.Rejected)
            {
                results.Add(new Checked(item.Path, item.BlobName, null, result.Reason));
            }
            else if (owners.Claim(result.Post!.Id, item.BlobName) is { } taken)
            {
                results.Add(new Checked(item.Path, item.BlobName, null, taken));
            }
            else
            {
                results.Add(new Checked(item.Path, item.BlobName, result.Post, null));
            }
        }

        var rejected = results.Count(r => r.Reason is not null);
        var images = results.Count(r => r.Image is not null);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new { files = results.Select(r => r.ToJson()), ignored }, ArchiveJson.Options));
        }
        else if ((Console.IsOutputRedirected && !table) || !FitsTable(results))
        {
            foreach (var result in results)
            {
                Console.WriteLine(result.ToLine());
            }
        }
        else
        {
            WriteTable(results);
        }

        if (!json)
        {
            FileReport.PrintIgnored(ignored);

            Console.WriteLine($"{results.Count - rejected - images} posts would be accepted, {rejected} rejected{(images > 0 ? $", {images} images would be uploaded" : string.Empty)}{(ignored.Count > 0 ? $", {ignored.Count} other files ignored" : string.Empty)}");
        }

        return rejected == 0 ? 0 : CliError.Failed;
    }

    /// <summary>Columns a table never breaks inside a value (an id or a date cut in two reads as two); the title wraps.</summary>
    private static readonly string[] Headers = ["id", "title", "date", "theme", "words", "min"];

    /// <summary>Room left for the title to wrap into; below it, one line per file reads better than a table.</summary>
    private const int MinTitleWidth = 16;

    /// <summary>Each column's padding: no borders, two spaces between columns.</summary>
    private const int ColumnGap = 2;

    /// <summary>
    /// The table fits the terminal (its width, or <c>COLUMNS</c> when redirected, else 80) with
    /// every id, date, theme and number whole, and room for the title to wrap.
    /// </summary>
    private static bool FitsTable(List<Checked> results)
    {
        if (Console.IsOutputRedirected && Environment.GetEnvironmentVariable("COLUMNS") is { } columns && int.TryParse(columns, CultureInfo.InvariantCulture, out var width) && width > 0)
        {
            AnsiConsole.Profile.Width = width;
        }

        var posts = results.Select(r => r.Post).OfType<Post>().ToList();
        int Widest(string header, Func<Post, string> value) => posts.Select(p => value(p).Length).Append(header.Length).Max();
        var whole = Widest("id", p => p.Id) + Widest("date", DateCell) + Widest("theme", p => p.ThemeSlug) + Widest("words", p => Number(p.WordCount)) + Widest("min", p => Number(p.ReadingTime));
        return whole + (Headers.Length * ColumnGap) + MinTitleWidth <= AnsiConsole.Profile.Width;
    }

    /// <summary>A date whose year was inferred is marked with <c>*</c>, explained under the table.</summary>
    private static string DateCell(Post post) => (post.Date?.ToString() ?? "—") + (post.DateInferred ? "*" : string.Empty);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static void WriteTable(List<Checked> results)
    {
        var table = new Table().NoBorder();
        foreach (var header in Headers)
        {
            var column = new TableColumn($"[bold]{header}[/]").PadLeft(0).PadRight(ColumnGap);
            table.AddColumn(header == "title" ? column : column.NoWrap());
        }

        var posts = results.Select(r => r.Post).OfType<Post>().ToList();
        foreach (var post in posts)
        {
            table.AddRow(
                Markup.Escape(post.Id),
                Markup.Escape(post.Title) + (post.Draft ? " [grey](draft)[/]" : string.Empty),
                Markup.Escape(DateCell(post)),
                Markup.Escape(post.ThemeSlug),
                Number(post.WordCount),
                Number(post.ReadingTime));
        }

        AnsiConsole.Write(table);
        if (posts.Any(p => p.DateInferred))
        {
            AnsiConsole.MarkupLine("[grey]* no year in the date: the latest that fits, not after the file's date[/]");
        }

        // Warnings under the table, a line each: they are sentences, and wrap as sentences do.
        foreach (var post in posts)
        {
            foreach (var warning in post.Warnings)
            {
                AnsiConsole.MarkupLineInterpolated($"[yellow]warning:[/] {post.Id}: {warning}");
            }
        }

        foreach (var result in results.Where(r => r.Image is not null))
        {
            AnsiConsole.WriteLine(result.ToLine());
        }

        foreach (var result in results.Where(r => r.Reason is not null))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]rejected:[/] {result.File}: {result.Reason}");
        }
    }

    /// <summary>Each image's bytes read as an ingest reads them (§11): what it would serve, or why it would be rejected.</summary>
    private static List<Checked> CheckImages(List<PostUploader.Item> items, ImageProcessor processor, OfflineReferences resolved)
    {
        var results = new List<Checked>();
        foreach (var item in items.Where(i => MediaBlobName.IsMedia(i.BlobName)))
        {
            var max = processor.MaxBytes;
            var length = new FileInfo(item.Path).Length;
            var result = length > max
                ? MediaResult.Rejected($"image is {length} bytes, over the size limit of {max} bytes")
                : processor.ProcessAsync(File.ReadAllBytes(item.Path), CancellationToken.None).GetAwaiter().GetResult();
            resolved.AddImage(item.BlobName, result);
            results.Add(result.Image is { } image
                ? new Checked(item.Path, item.BlobName, null, null) { Image = image }
                : new Checked(item.Path, item.BlobName, null, result.Rejection));
        }

        return results;
    }

    private sealed record Checked(string File, string? Blob, Post? Post, string? Reason)
    {
        public ProcessedImage? Image { get; init; }

        public string ToLine() => Image is { } image
            ? $"image     {File}: {image.ContentType} {image.Width}×{image.Height}, {image.Variants.Count} variants{(image.Frames > 1 ? $", {image.Frames} frames" : string.Empty)}"
            : Post is { } post
            ? $"accepted  {File} → {post.Id} | {post.Title} | {post.Date?.ToString() ?? "no date"}{(post.DateInferred ? " (inferred)" : string.Empty)} | {post.ThemeSlug} | {post.WordCount} words | {post.ReadingTime} min{(post.Draft ? " | draft" : string.Empty)}{(post.Warnings.Count > 0 ? " | " + string.Join("; ", post.Warnings) : string.Empty)}"
            : $"rejected  {File}: {Reason}";

        public object ToJson() => Image is { } image
            ? new { file = File, blob = Blob, accepted = true, image = new { type = image.ContentType, width = image.Width, height = image.Height, bytes = image.Served.Length, variants = image.Variants.Select(v => v.Width) } }
            : Post is { } post
            ? new { file = File, blob = Blob, accepted = true, summary = OfflineSummary(post), draft = post.Draft, warnings = post.Warnings }
            : new { file = File, blob = Blob, accepted = false, reason = Reason };

        /// <summary>The summary the API would serve, but for <c>updatedAt</c>: a file checked offline has not been ingested.</summary>
        private static JsonObject OfflineSummary(Post post)
        {
            var summary = JsonSerializer.SerializeToNode(StoredSummary.From(post, default), ArchiveJson.Options)!.AsObject();
            summary.Remove("updatedAt");
            return summary;
        }
    }
}
