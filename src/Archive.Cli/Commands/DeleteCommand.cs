using System.CommandLine;
using Archive.Api.Contracts;
using Archive.Core.Parsing;
using Archive.Storage;
using Archive.Storage.Names;
using Archive.Storage.Reading;
using Archive.Storage.Tables;
using Spectre.Console;

namespace Archive.Cli.Commands;

/// <summary>
/// <c>archive delete &lt;id|blob&gt;...</c>: deletes posts (drafts too) by id or by blob name, with
/// the images only they show, then waits until the API no longer serves them.
/// </summary>
public static class DeleteCommand
{
    public static Command Create(CommonOptions common, RemoteOptions remote)
    {
        var targets = new Argument<string[]>("posts") { Description = "Post ids (thread_0311) or blob names (my-posts/a.md)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("delete", "Delete posts by id or blob name, and wait until they are gone from the API") { targets };
        common.AddTo(command);
        remote.AddTo(command);
        common.SetAction(command, async (parse, configuration, cancellationToken) =>
        {
            using var api = remote.Client(parse, configuration);
            await using var services = ArchiveServices.Build(configuration, parse.GetValue(common.Verbose));
            var store = services.GetRequiredService<ArchiveStore>();
            var blobs = new List<string>();
            var missing = 0;
            foreach (var target in parse.GetValue(targets)!)
            {
                if (await BlobOfAsync(store, target, cancellationToken) is { } blob)
                {
                    blobs.Add(blob);
                }
                else
                {
                    AnsiConsole.MarkupLineInterpolated($"[red]not found[/] {target}: no such blob, and no post or draft with that id");
                    missing++;
                }
            }

            blobs.AddRange(await ImagesOnlyTheyReferenceAsync(store, blobs, cancellationToken));
            var status = await DeleteBlobsAsync(store, blobs, api, cancellationToken);
            return missing > 0 ? CliError.Failed : status;
        });
        return command;
    }

    /// <summary>Deletes the blobs, then (with an API) waits until their posts are no longer served; returns the exit code.</summary>
    public static async Task<int> DeleteBlobsAsync(ArchiveStore store, IReadOnlyList<string> blobs, ArchiveApiClient? api, CancellationToken cancellationToken)
    {
        var posts = new Dictionary<string, string?>(StringComparer.Ordinal);
        var refused = 0;
        foreach (var blob in blobs)
        {
            if (BlobNames.Problem(blob) is { } problem)
            {
                // Deleting it by URL would delete the blob its URL names (zz/../two.md is two.md): never another name.
                AnsiConsole.MarkupLineInterpolated($"[red]not deleted[/] {BlobNames.Printable(blob)}: {problem}; no URL names it, so delete it with a tool that lists and deletes by the name as stored");
                refused++;
                continue;
            }

            // The post the blob gives, as the API says, to wait until it is gone.
            posts[blob] = api is null ? null : (await api.StateAsync(blob, cancellationToken)) is { State: BlobStateKind.Served or BlobStateKind.Draft or BlobStateKind.Rejected } state ? state.Id : null;
            await store.PostBlob(blob).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }

        var stillServed = api is null ? [] : await api.WaitUntilGoneAsync(posts.Values.OfType<string>().ToList(), cancellationToken);
        foreach (var (blob, id) in posts)
        {
            var what = id is null ? string.Empty : stillServed.Contains(id) ? $" (post {id} still served at the timeout)" : $" (post {id} gone)";
            AnsiConsole.MarkupLineInterpolated($"deleted    {blob}{what}");
        }

        return stillServed.Count > 0 ? CliError.TimedOut : refused > 0 ? CliError.Failed : 0;
    }

    /// <summary>
    /// The images the posts (and drafts) being deleted reference that no other post references
    /// (§11: a post's images leave with it; one another post still shows stays), as the index's
    /// blob records and reference rows say.
    /// </summary>
    private static async Task<List<string>> ImagesOnlyTheyReferenceAsync(ArchiveStore store, List<string> blobs, CancellationToken cancellationToken)
    {
        var images = new List<string>();
        var leaving = blobs.ToHashSet(StringComparer.Ordinal);
        var dependents = new Storage.Media.Dependents(store);
        foreach (var blob in blobs.Where(PostBlobName.IsPost))
        {
            var record = await store.FindAsync<BlobEntity>(RowKeys.Blob(blob), cancellationToken);
            foreach (var target in Storage.Media.Dependents.Hashes(record?.References))
            {
                if (await store.FindAsync<DependentEntity>(RowKeys.Dependent(target, blob), cancellationToken) is not { } row
                    || !MediaBlobName.IsMedia(row.Target) || leaving.Contains(row.Target))
                {
                    continue;
                }

                if ((await dependents.SourcesOfAsync(row.Target, cancellationToken)).All(leaving.Contains))
                {
                    leaving.Add(row.Target);
                    images.Add(row.Target);
                }
            }
        }

        return images;
    }

    /// <summary>
    /// The blob a target names: the blob itself when it exists, else the blob of the post or draft
    /// with that id, as the index table holds it (a draft is served by no route to ask).
    /// </summary>
    private static async Task<string?> BlobOfAsync(ArchiveStore store, string target, CancellationToken cancellationToken)
    {
        // A name no URL keeps is found by listing; any other by its own URL (a prefix listing of an ordinary name could meet another blob's broken name).
        if (BlobNames.IsUsable(target)
            ? await store.PostBlob(target).ExistsAsync(cancellationToken)
            : await ListedBlob.FindAsync(store.Posts, target, cancellationToken) is not null)
        {
            return target;
        }

        return PostId.IsValid(target) && await store.FindAsync<PostEntity>(RowKeys.Post(PostId.Key(target)), cancellationToken) is { } post ? post.Blob : null;
    }
}
