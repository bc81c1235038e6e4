using System.CommandLine;
using Archive.Core;
using Archive.Core.Model;
using Archive.Core.Parsing;
using Spectre.Console;

namespace Archive.Cli.Commands;

/// <summary><c>archive check &lt;folder&gt;</c>: parses offline and shows what each post would be, and every rejection.</summary>
public static class CheckCommand
{
    public static Command Create(CommonOptions common)
    {
        var folder = new Argument<string>("folder") { Description = "Folder of markdown posts (or one file)" };
        var command = new Command("check", "Parse posts offline; exits non-zero when any would be rejected") { folder, common.Verbose };
        command.SetAction(parse =>
        {
            var configuration = CliConfiguration.Build(null, null);
            try
            {
                return Run(parse.GetValue(folder)!, configuration);
            }
            catch (Exception error)
            {
                return CliError.Report(error, configuration, parse.GetValue(common.Verbose));
            }
        });
        return command;
    }

    public static int Run(string path, IConfiguration configuration)
    {
        var options = configuration.GetSection("Archive").Get<ParserOptions>() ?? new ParserOptions();
        var parser = new PostParser(options);
        var items = PostUploader.Collect([path], out var problems);
        var table = new Table().AddColumns("id", "title", "date", "theme", "words", "minutes", "warnings");
        var rejections = new List<(string File, string Reason)>(problems.Select(p => (path, p)));
        var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            var result = parser.Parse(item.BlobName, File.ReadAllBytes(item.Path), File.GetLastWriteTimeUtc(item.Path));
            if (result.Outcome == ParseOutcome.Rejected)
            {
                rejections.Add((item.Path, result.Reason!));
                continue;
            }

            var post = result.Post!;
            if (owners.TryGetValue(post.Id, out var owner))
            {
                rejections.Add((item.Path, $"id '{post.Id}' is already used by {owner}"));
                continue;
            }

            owners[post.Id] = item.Path;
            table.AddRow(
                Markup.Escape(post.Id),
                Markup.Escape(post.Title),
                Markup.Escape(post.Date?.ToString() ?? "—") + (post.DateInferred ? " [grey](inferred)[/]" : string.Empty),
                Markup.Escape(post.ThemeSlug),
                post.WordCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                post.ReadingTime.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(string.Join("; ", post.Warnings)) + (post.Draft ? "[grey] draft[/]" : string.Empty));
        }

        AnsiConsole.Write(table);
        foreach (var (file, reason) in rejections)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]rejected:[/] {file}: {reason}");
        }

        AnsiConsole.MarkupLineInterpolated($"{owners.Count} posts would be accepted, {rejections.Count} rejected");
        return rejections.Count == 0 ? 0 : CliError.Failed;
    }
}
