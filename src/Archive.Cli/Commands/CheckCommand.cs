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
        var command = new Command("check", "Parse posts offline; exits non-zero when any would be rejected") { folder, json, common.Verbose };
        command.SetAction(parse =>
        {
            var configuration = CliConfiguration.Build(null, null);
            try
            {
                return Run(parse.GetValue(folder)!, configuration, parse.GetValue(json));
            }
            catch (Exception error)
            {
                return CliError.Report(error, configuration, parse.GetValue(common.Verbose));
            }
        });
        return command;
    }

    public static int Run(string path, IConfiguration configuration, bool json = false)
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
        else if (Console.IsOutputRedirected)
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

    private static void WriteTable(List<Checked> results)
    {
        var table = new Table().AddColumns("id", "title", "date", "theme", "words", "minutes", "warnings");
        foreach (var post in results.Select(r => r.Post).OfType<Post>())
        {
            table.AddRow(
                Markup.Escape(post.Id),
                Markup.Escape(post.Title),
                Markup.Escape(post.Date?.ToString() ?? "—") + (post.DateInferred ? " [grey](inferred)[/]" : string.Empty),
                Markup.Escape(post.ThemeSlug),
                post.WordCount.ToString(CultureInfo.InvariantCulture),
                post.ReadingTime.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(string.Join("; ", post.Warnings)) + (post.Draft ? "[grey] draft[/]" : string.Empty));
        }

        AnsiConsole.Write(table);
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
