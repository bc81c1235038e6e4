using System.CommandLine;
using Archive.Core.Parsing;
using Archive.Storage;
using Spectre.Console;

namespace Archive.Cli.Commands;

/// <summary>
/// <c>archive sync &lt;folder&gt;</c>: makes the container hold what the folder holds. New and changed
/// files are uploaded; with <c>--delete</c>, markdown blobs the folder no longer has are deleted;
/// <c>--dry-run</c> lists what would be done. Reports like <c>upload</c>.
/// </summary>
public static class SyncCommand
{
    public static Command Create(CommonOptions common, RemoteOptions remote)
    {
        var folder = new Argument<string>("folder") { Description = "Folder of markdown posts; blob names are paths relative to it" };
        var delete = new Option<bool>("--delete") { Description = "Also delete markdown blobs that are not in the folder" };
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be uploaded and deleted; change nothing" };
        var command = new Command("sync", "Mirror a folder into the posts container, then report what each file became") { folder, delete, dryRun };
        common.AddTo(command);
        remote.AddTo(command);
        common.SetAction(command, async (parse, configuration, cancellationToken) =>
        {
            using var api = remote.Client(parse, configuration);
            return await RunAsync(parse.GetValue(folder)!, parse.GetValue(delete), parse.GetValue(dryRun), configuration, api, parse.GetValue(common.Verbose), cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(string folder, bool delete, bool dryRun, IConfiguration configuration, ArchiveApiClient? api, bool verbose, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            throw new InvalidOperationException($"{folder}: no such folder");
        }

        await using var services = ArchiveServices.Build(configuration, verbose);
        var store = services.GetRequiredService<ArchiveStore>();
        var uploader = new PostUploader(store.Posts);
        var items = PostUploader.Collect([folder], out var problems, out var ignored);
        FileReport.PrintIgnored(ignored);
        var existing = await uploader.ExistingAsync(cancellationToken);
        var local = items.Select(i => i.BlobName).ToHashSet(StringComparer.Ordinal);
        var stale = delete ? existing.Keys.Where(n => MediaBlobName.IsContent(n) && !local.Contains(n)).Order(StringComparer.Ordinal).ToList() : [];
        if (dryRun)
        {
            var changed = items.Where(i => PostUploader.NeedsUpload(i, existing)).ToList();
            foreach (var item in changed)
            {
                AnsiConsole.MarkupLineInterpolated($"would upload {item.BlobName}");
            }

            foreach (var name in stale)
            {
                AnsiConsole.MarkupLineInterpolated($"would delete {name}");
            }

            AnsiConsole.MarkupLineInterpolated($"dry run: {changed.Count} to upload, {items.Count - changed.Count} unchanged, {stale.Count} to delete{(delete ? string.Empty : " (--delete also deletes what the folder no longer has)")}");
            return 0;
        }

        var outcomes = await UploadCommand.UploadAllAsync(uploader, items, existing, store.Posts.Name, cancellationToken);
        var deleted = await DeleteCommand.DeleteBlobsAsync(store, stale, api, cancellationToken);
        var status = await FileReport.PrintAsync(outcomes, problems, api, cancellationToken, deleted: stale.Count);
        return status != 0 ? status : deleted;
    }
}
