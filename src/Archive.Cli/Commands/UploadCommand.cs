using System.CommandLine;
using Archive.Storage;
using Azure;
using Spectre.Console;

namespace Archive.Cli.Commands;

/// <summary>
/// <c>archive upload &lt;file|folder&gt;...</c>: markdown to the posts container, with a progress bar;
/// then it waits until the API has processed each file's own content and reports what each became.
/// </summary>
public static class UploadCommand
{
    public static Command Create(CommonOptions common, RemoteOptions remote)
    {
        var paths = new Argument<string[]>("paths") { Description = "Markdown files or folders of them", Arity = ArgumentArity.OneOrMore };
        var name = new Option<string?>("--name") { Description = "Blob name for a single file (default: its path below the current folder, else its file name)" };
        var command = new Command("upload", "Upload posts (unchanged files are skipped), wait until each is processed, and report what each became") { paths, name };
        common.AddTo(command);
        remote.AddTo(command);
        common.SetAction(command, async (parse, configuration, cancellationToken) =>
        {
            using var api = remote.Client(parse, configuration);
            var items = PostUploader.Collect(parse.GetValue(paths)!, out var problems, out var ignored, parse.GetValue(name));
            FileReport.PrintIgnored(ignored);
            return await RunAsync(items, problems, configuration, api, parse.GetValue(common.Verbose), cancellationToken);
        });
        return command;
    }

    /// <summary>Uploads the items (8 at a time), then reports (waiting on the API unless <paramref name="api"/> is null).</summary>
    public static async Task<int> RunAsync(
        IReadOnlyList<PostUploader.Item> items, IReadOnlyList<string> problems, IConfiguration configuration, ArchiveApiClient? api, bool verbose, CancellationToken cancellationToken)
    {
        await using var services = ArchiveServices.Build(configuration, verbose);
        var store = services.GetRequiredService<ArchiveStore>();
        var uploader = new PostUploader(store.Posts);
        var existing = await uploader.ExistingAsync(cancellationToken);
        var outcomes = await UploadAllAsync(uploader, items, existing, store.Posts.Name, cancellationToken);
        return await FileReport.PrintAsync(outcomes, problems, api, cancellationToken);
    }

    public static async Task<List<PostUploader.Outcome>> UploadAllAsync(
        PostUploader uploader, IReadOnlyList<PostUploader.Item> items, IReadOnlyDictionary<string, string?> existing, string container, CancellationToken cancellationToken)
    {
        var outcomes = new List<PostUploader.Outcome>();
        await AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask($"Uploading to '{container}'", maxValue: Math.Max(1, items.Count));
                await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (item, ct) =>
                {
                    PostUploader.Outcome outcome;
                    try
                    {
                        outcome = await uploader.UploadAsync(item, existing, ct);
                    }
                    catch (RequestFailedException error) when (error.Status is >= 400 and < 500)
                    {
                        outcome = new PostUploader.Outcome(item, PostUploader.Failed, error.Message.Split('\n')[0]);
                    }

                    lock (outcomes)
                    {
                        outcomes.Add(outcome);
                    }

                    task.Increment(1);
                });
            });
        return outcomes;
    }
}
