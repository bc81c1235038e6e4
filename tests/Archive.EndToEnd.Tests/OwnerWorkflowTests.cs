using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs;

namespace Archive.EndToEnd.Tests;

/// <summary>
/// The owner's loop end to end, with <c>archive</c> run as a process against <c>archive serve</c>:
/// upload tells what each file became (and fails when any was rejected), sync mirrors a folder,
/// delete takes posts out.
/// </summary>
public sealed class OwnerWorkflowTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly string container = "own" + Guid.NewGuid().ToString("N")[..10];
    private ArchiveCli serve = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync() => (serve, http) = await LocalStackTests.ServeAsync(azurite.ConnectionString, container);

    public async Task DisposeAsync()
    {
        http.Dispose();
        await serve.DisposeAsync();
    }

    private string Api => http.BaseAddress!.ToString();

    private BlobContainerClient Container => new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(container);

    // The table is the host's too: `delete` reads which posts reference an image there.
    private Task<ArchiveCli> RunAsync(string folder, params string[] arguments) =>
        ArchiveCli.RunAsync(folder, new Dictionary<string, string> { ["Archive__Table"] = container },
            [.. arguments, "--connection", azurite.ConnectionString, "--container", container, "--api", Api, "--timeout", "30"]);

    [Fact]
    public async Task Upload_waits_and_reports_each_file_and_fails_when_any_was_rejected()
    {
        var folder = Folder(("good.md", Posts.Make("good_one", "Good one", words: 120)), ("sub/deep.md", Posts.Make("deep_one", "Deep one")),
            ("draft.md", "---\ntitle: Later\nthread_id: later_one\ndraft: true\n---\nbody\n"), ("bad.md", "---\ntitle: [broken\n---\nbody\n"),
            ("notes.txt", "not a post"));
        Assert.Equal(0, (await RunAsync(folder, "upload", "good.md")).ExitCode);

        // A second blob claiming good_one, uploaded after it: rejected, whatever order the rest is processed in.
        await File.WriteAllTextAsync(Path.Combine(folder, "twin.md"), Posts.Make("good_one", "Twin"));
        var upload = await RunAsync(folder, "upload", ".");
        Assert.True(upload.ExitCode == 1, upload.Output);
        Assert.Matches(@"served\s+good\.md → good_one \(120 words, 1 min\)", upload.Output);
        Assert.Matches(@"served\s+sub/deep\.md → deep_one", upload.Output);
        Assert.Matches(@"draft\s+draft\.md → later_one", upload.Output);
        Assert.Matches(@"rejected\s+bad\.md: invalid YAML", upload.Output);
        Assert.Matches(@"rejected\s+twin\.md: id 'good_one' is already used by blob 'good\.md'", upload.Output);
        Assert.Contains("5 files: 1 draft, 2 rejected, 2 served", upload.Output, StringComparison.Ordinal);
        Assert.Matches(@"ignored\s+.*notes\.txt: neither a post", upload.Output);

        // Fixed and uploaded again: only what changed is sent, everything is reported, and it exits 0.
        await File.WriteAllTextAsync(Path.Combine(folder, "bad.md"), Posts.Make("fixed_one", "Fixed"));
        File.Delete(Path.Combine(folder, "twin.md"));
        var again = await RunAsync(folder, "upload", ".");
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Matches(@"served\s+bad\.md → fixed_one", again.Output);
        Assert.Matches(@"served\s+good\.md → good_one .*\(unchanged\)", again.Output);
    }

    [Fact]
    public async Task A_single_file_keeps_its_path_below_the_current_folder_or_takes_the_name_given()
    {
        var folder = Folder(("my-posts/sub/a.md", Posts.Make("path_kept", "Path kept")), ("other.md", Posts.Make("renamed_one", "Renamed")));
        var upload = await RunAsync(folder, "upload", "my-posts/sub/a.md");
        Assert.True(upload.ExitCode == 0, upload.Output);
        Assert.True((await Container.GetBlobClient("my-posts/sub/a.md").ExistsAsync()).Value, upload.Output);

        var named = await RunAsync(folder, "upload", "other.md", "--name", "archive/2024/other.md");
        Assert.True(named.ExitCode == 0, named.Output);
        Assert.Matches(@"served\s+archive/2024/other\.md → renamed_one", named.Output);
    }

    [Fact]
    public async Task A_file_named_from_its_folder_s_parent_is_not_made_a_second_blob_of_its_post()
    {
        var folder = Folder(("newcomer-posts/great-stink.md", Posts.Make("great_stink", "The Great Stink", date: "Sep 8")));
        var first = await RunAsync(Path.Combine(folder, "newcomer-posts"), "upload", "great-stink.md");
        Assert.True(first.ExitCode == 0, first.Output);
        // Upload shows the post's warnings as check does: here the year its date left out.
        Assert.Matches(@"warning: the date 'Sep 8' has no year: \d{4}-09-08 was taken", first.Output);

        // From the parent the same file would be blob newcomer-posts/great-stink.md, a second blob of great_stink.
        var again = await RunAsync(folder, "upload", "newcomer-posts/great-stink.md");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("post 'great_stink' comes from blob 'great-stink.md'", again.Output, StringComparison.Ordinal);
        Assert.Contains("--name great-stink.md", again.Output, StringComparison.Ordinal);
        Assert.False((await Container.GetBlobClient("newcomer-posts/great-stink.md").ExistsAsync()).Value, "nothing was uploaded");

        // As it says: with --name, the post is updated.
        var named = await RunAsync(folder, "upload", "newcomer-posts/great-stink.md", "--name", "great-stink.md");
        Assert.True(named.ExitCode == 0, named.Output);
        Assert.Matches(@"served\s+great-stink\.md → great_stink", named.Output);
    }

    [Fact]
    public async Task Sync_mirrors_a_folder_and_delete_takes_posts_out()
    {
        var folder = Folder(("a.md", Posts.Make("sync_a", "A")), ("b.md", Posts.Make("sync_b", "B")), ("c.md", Posts.Make("sync_c", "C")));
        // serve loaded content/ into the empty container: the first mirror takes those out.
        var first = await RunAsync(folder, "sync", ".", "--delete");
        Assert.True(first.ExitCode == 0, first.Output);
        // Its summary counts what it deleted too (serve loaded content/'s posts).
        Assert.Matches(@"3 files: 3 served; \d+ deleted", first.Output);
        Assert.Contains("deleted    thread_0311.md (post thread_0311 gone)", first.Output, StringComparison.Ordinal);

        File.Delete(Path.Combine(folder, "c.md"));
        await File.WriteAllTextAsync(Path.Combine(folder, "d.md"), Posts.Make("sync_d", "D"));
        var dryRun = await RunAsync(folder, "sync", ".", "--delete", "--dry-run");
        Assert.True(dryRun.ExitCode == 0, dryRun.Output);
        Assert.Contains("would upload d.md", dryRun.Output, StringComparison.Ordinal);
        Assert.Contains("would delete c.md", dryRun.Output, StringComparison.Ordinal);
        Assert.True(dryRun.Output.Contains("dry run: 1 to upload, 2 unchanged, 1 to delete", StringComparison.Ordinal), dryRun.Output);
        Assert.True((await Container.GetBlobClient("c.md").ExistsAsync()).Value);

        var sync = await RunAsync(folder, "sync", ".", "--delete");
        Assert.True(sync.ExitCode == 0, sync.Output);
        Assert.Contains("deleted    c.md (post sync_c gone)", sync.Output, StringComparison.Ordinal);
        Assert.Contains("3 files: 3 served; 1 deleted", sync.Output, StringComparison.Ordinal);
        Assert.Matches(@"served\s+d\.md → sync_d", sync.Output);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("posts/sync_c")).StatusCode);

        // A draft is found by its id too (no route serves it).
        await File.WriteAllTextAsync(Path.Combine(folder, "e.md"), "---\ntitle: Later\nthread_id: sync_draft\ndraft: true\n---\nbody\n");
        Assert.Equal(0, (await RunAsync(folder, "upload", "e.md")).ExitCode);
        var draft = await RunAsync(folder, "delete", "sync_draft");
        Assert.True(draft.ExitCode == 0, draft.Output);
        Assert.Contains("deleted    e.md", draft.Output, StringComparison.Ordinal);
        Assert.False((await Container.GetBlobClient("e.md").ExistsAsync()).Value);

        var delete = await RunAsync(folder, "delete", "sync_a", "b.md", "nothing_here");
        Assert.True(delete.ExitCode == 1, delete.Output);
        Assert.Contains("deleted    a.md (post sync_a gone)", delete.Output, StringComparison.Ordinal);
        Assert.Contains("deleted    b.md (post sync_b gone)", delete.Output, StringComparison.Ordinal);
        Assert.Contains("not found nothing_here", delete.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("posts/sync_b")).StatusCode);
    }

    [Fact]
    public async Task Images_go_up_with_their_posts_and_leave_with_them()
    {
        var folder = Folder(
            ("hanse.md", "---\ntitle: The Hanse\nthread_id: hanse\n---\n\n![map of the Hanse](maps/hanse.png)\n"),
            ("cog.md", "---\ntitle: The cog\nthread_id: cog\n---\n\n![map of the Hanse](maps/hanse.png) ![a cog](cog.png)\n"));
        Directory.CreateDirectory(Path.Combine(folder, "maps"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "maps", "hanse.png"), TestImages.Png(800, 600));
        await File.WriteAllBytesAsync(Path.Combine(folder, "cog.png"), TestImages.Png(300, 300));
        var upload = await RunAsync(folder, "upload", ".");
        Assert.True(upload.ExitCode == 0, upload.Output);
        Assert.Matches(@"served\s+maps/hanse\.png \(image\)", upload.Output);
        Assert.Matches(@"served\s+hanse\.md → hanse", upload.Output);
        Assert.Contains("4 files: 4 served", upload.Output, StringComparison.Ordinal);
        var hanse = JsonDocument.Parse(await http.GetStringAsync("posts/hanse")).RootElement;
        Assert.Equal("maps/hanse.png", hanse.GetProperty("media")[0].GetProperty("blob").GetString());

        // A post deleted takes the image only it shows; the map another post shows stays.
        var delete = await RunAsync(folder, "delete", "cog");
        Assert.True(delete.ExitCode == 0, delete.Output);
        Assert.Contains("deleted    cog.png", delete.Output, StringComparison.Ordinal);
        Assert.False((await Container.GetBlobClient("cog.png").ExistsAsync()).Value);
        Assert.True((await Container.GetBlobClient("maps/hanse.png").ExistsAsync()).Value);

        // A mirror of the folder without the map deletes it, and the post that showed it shows its alt text.
        File.Delete(Path.Combine(folder, "maps", "hanse.png"));
        File.Delete(Path.Combine(folder, "cog.md"));
        File.Delete(Path.Combine(folder, "cog.png"));
        var sync = await RunAsync(folder, "sync", ".", "--delete");
        Assert.True(sync.ExitCode == 0, sync.Output);
        Assert.Contains("deleted    maps/hanse.png", sync.Output, StringComparison.Ordinal);
        await Eventually.UntilAsync(async () => JsonDocument.Parse(await http.GetStringAsync("posts/hanse")).RootElement, p => p.GetProperty("media").GetArrayLength() == 0);
    }

    [Fact]
    public async Task An_api_that_does_not_answer_is_named_and_the_upload_still_done()
    {
        var folder = Folder(("lone.md", Posts.Make("lone_one", "Lone")));
        var upload = await ArchiveCli.RunInAsync(folder, "upload", "lone.md", "--connection", azurite.ConnectionString, "--container", container, "--api", "http://127.0.0.1:9/api");
        Assert.Equal(1, upload.ExitCode);
        Assert.Contains("the API at http://127.0.0.1:9/api/ does not answer", upload.Output, StringComparison.Ordinal);
        Assert.True((await Container.GetBlobClient("lone.md").ExistsAsync()).Value);
    }

    [Fact]
    public async Task A_blob_that_is_not_a_post_is_named_in_the_log_once()
    {
        await Container.GetBlobClient("notes.txt").UploadAsync(BinaryData.FromString("not a post"));
        Assert.True(await Eventually.TrueAsync(() => serve.Output.Contains("Ignored notes.txt", StringComparison.Ordinal)), serve.Output);

        // Two more watcher rounds, each seen by the file it names first (uploaded after the round before): notes.txt still named once.
        foreach (var later in new[] { "later-1.txt", "later-2.txt" })
        {
            await Container.GetBlobClient(later).UploadAsync(BinaryData.FromString("not a post either"));
            Assert.True(await Eventually.TrueAsync(() => serve.Output.Contains("Ignored " + later, StringComparison.Ordinal)), serve.Output);
        }

        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(serve.Output, "Ignored notes\\.txt"));
    }

    private static string Folder(params (string Name, string Text)[] files)
    {
        var folder = Directory.CreateTempSubdirectory("archive-owner-").FullName;
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(folder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        return folder;
    }
}
