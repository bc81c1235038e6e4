using System.CommandLine;
using Archive.Storage;
using Azure;
using Spectre.Console;

namespace Archive.Cli.Commands;

/// <summary><c>archive upload &lt;file|folder&gt;...</c>: markdown to the posts container, with a progress bar.</summary>
public static class UploadCommand
{
    public static Command Create(CommonOptions common)
    {
        var paths = new Argument<string[]>("paths") { Description = "Markdown files or folders of them", Arity = ArgumentArity.OneOrMore };
        var command = new Command("upload", "Upload posts to the posts container; unchanged files are skipped") { paths };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = common.Configuration(parse);
            try
            {
                return await RunAsync(parse.GetValue(paths)!, configuration, parse.GetValue(common.Verbose), cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                return CliError.Report(error, configuration, parse.GetValue(common.Verbose));
            }
        });
        return command;
    }

    public static async Task<int> RunAsync(IEnumerable<string> paths, IConfiguration configuration, bool verbose, CancellationToken cancellationToken)
    {
        await using var services = ArchiveServices.Build(configuration, verbose);
        var store = services.GetRequiredService<ArchiveStore>();
        var uploader = new PostUploader(store.Posts);
        var items = PostUploader.Collect(paths, out var problems);
        var existing = await uploader.ExistingAsync(cancellationToken);
        var outcomes = new List<PostUploader.Outcome>();
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask($"Uploading to '{store.Posts.Name}'", maxValue: Math.Max(1, items.Count));
                await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (item, ct) =>
                {
                    PostUploader.Outcome outcome;
                    try
                    {
                        outcome = await uploader.UploadAsync(item, existing, ct);
                    }
                    catch (RequestFailedException error) when (error.Status is >= 400 and < 500)
                    {
                        outcome = new PostUploader.Outcome(item, "failed", error.Message.Split('\n')[0]);
                    }

                    lock (outcomes)
                    {
                        outcomes.Add(outcome);
                    }

                    task.Increment(1);
                });
            });

        var uploaded = outcomes.Count(o => o.Result == "uploaded");
        var skipped = outcomes.Count(o => o.Result == "skipped");
        var failed = outcomes.Where(o => o.Result == "failed").ToList();
        foreach (var problem in problems)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]failed:[/] {problem}");
        }

        foreach (var failure in failed)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]failed:[/] {failure.Item.Path}: {failure.Error}");
        }

        AnsiConsole.MarkupLineInterpolated($"{uploaded} uploaded, {skipped} unchanged (skipped), {failed.Count + problems.Count} failed");
        return failed.Count + problems.Count == 0 ? 0 : CliError.Failed;
    }
}
