using System.CommandLine;
using Archive.Core.Parsing;
using Archive.Storage;
using Archive.Storage.Tables;
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
            var given = parse.GetValue(paths)!;
            var items = PostUploader.Collect(given, out var problems, out var ignored, parse.GetValue(name));
            FileReport.PrintIgnored(ignored);
            var singleFiles = parse.GetValue(name) is null && given.All(File.Exists);
            return await RunAsync(items, problems, configuration, api, parse.GetValue(common.Verbose), cancellationToken, singleFiles);
        });
        return command;
    }

    /// <summary>Uploads the items (8 at a time), then reports (waiting on the API unless <paramref name="api"/> is null).</summary>
    /// <param name="singleFiles">Files named one by one (no folder, no <c>--name</c>): each is checked for a second blob of a post it would create.</param>
    public static async Task<int> RunAsync(
        IReadOnlyList<PostUploader.Item> items, IReadOnlyList<string> problems, IConfiguration configuration, ArchiveApiClient? api, bool verbose, CancellationToken cancellationToken,
        bool singleFiles = false)
    {
        await using var services = ArchiveServices.Build(configuration, verbose);
        var store = services.GetRequiredService<ArchiveStore>();
        if (singleFiles && await SecondBlobsAsync(items, store, services.GetRequiredService<PostParser>(), cancellationToken) is { Count: > 0 } seconds)
        {
            foreach (var second in seconds)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]not uploaded[/] {second}");
            }

            return CliError.Failed;
        }

        var uploader = new PostUploader(store.Posts);
        var existing = await uploader.ExistingAsync(cancellationToken);
        var outcomes = await UploadAllAsync(uploader, items, existing, store.Posts.Name, cancellationToken);
        return await FileReport.PrintAsync(outcomes, problems, api, cancellationToken);
    }

    /// <summary>
    /// A file named from another folder (<c>archive upload my-posts/a.md</c> from the folder's
    /// parent) becomes a new blob, <c>my-posts/a.md</c>, beside the <c>a.md</c> that already gives
    /// its post: it would be rejected as a second blob of that id, and stay until deleted. Said
    /// before anything is uploaded, with what to do instead.
    /// </summary>
    private static async Task<List<string>> SecondBlobsAsync(IReadOnlyList<PostUploader.Item> items, ArchiveStore store, PostParser parser, CancellationToken cancellationToken)
    {
        var seconds = new List<string>();
        foreach (var item in items.Where(i => PostBlobName.IsPost(i.BlobName)))
        {
            var parsed = parser.Parse(item.BlobName, await File.ReadAllBytesAsync(item.Path, cancellationToken), File.GetLastWriteTimeUtc(item.Path));
            if (parsed.Post is not { } post
                || await OwnerAsync(store, post.Id, cancellationToken) is not { } owner
                || owner.Blob == item.BlobName
                || Path.GetFileName(owner.Blob) != Path.GetFileName(item.BlobName))
            {
                continue;
            }

            var folder = Path.GetDirectoryName(item.Path) is { Length: > 0 } directory ? directory : ".";
            seconds.Add(
                $"{item.Path}: it would become a new blob '{item.BlobName}', but post '{post.Id}' comes from blob '{owner.Blob}', so it would be rejected as a second blob of that id. " +
                $"Upload it as that blob: archive upload {item.Path} --name {owner.Blob} (or from its folder: cd {folder} && archive upload {Path.GetFileName(item.Path)})");
        }

        return seconds;
    }

    /// <summary>The post with that id as the index holds it; null when there is none, or no index to ask (a host never started): the check is a courtesy, the upload goes on.</summary>
    private static async Task<PostEntity?> OwnerAsync(ArchiveStore store, string id, CancellationToken cancellationToken)
    {
        try
        {
            return await store.FindAsync<PostEntity>(RowKeys.Post(PostId.Key(id)), cancellationToken);
        }
        catch (RequestFailedException error) when (error.ErrorCode == "TableNotFound")
        {
            return null;
        }
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
