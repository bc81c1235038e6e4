using System.Net;
using System.Text;
using System.Text.Json;
using Archive.Storage.Ingestion;

namespace Archive.Integration.Tests;

/// <summary>§1: re-uploads, changes, deletions, rejections, duplicate ids and drafts, through the ingestor and the API.</summary>
public sealed class IngestionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private TestArchive archive = null!;

    public async Task InitializeAsync() => archive = await TestArchive.StartAsync(azurite);

    public async Task DisposeAsync() => await archive.DisposeAsync();

    private async Task<HttpStatusCode> StatusAsync(string path)
    {
        using var response = await archive.Http.GetAsync(path);
        return response.StatusCode;
    }

    private async Task<string?> ETagAsync(string path)
    {
        using var response = await archive.Http.GetAsync(path);
        return response.Headers.ETag?.Tag;
    }

    private async Task<List<JsonElement>> RejectionsAsync()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "admin/rejections");
        request.Headers.Add("x-functions-key", TestArchive.AdminKey);
        using var response = await archive.Http.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray().ToList();
    }

    [Fact]
    public async Task Identical_reupload_writes_nothing_and_keeps_the_etag()
    {
        var text = Posts.Make("same", "Same");
        Assert.Equal(IngestOutcome.Added, (await archive.UploadAsync("same.md", text)).Outcome);
        var etag = await ETagAsync("posts/same");
        var listETag = await ETagAsync("posts");

        await archive.PutBlobAsync("same.md", Encoding.UTF8.GetBytes(text));
        archive.Requests.Reset();
        var result = await archive.Ingestor.IngestAsync("same.md", CancellationToken.None);
        Assert.Equal(IngestOutcome.Unchanged, result.Outcome);
        Assert.Equal(0, archive.Requests.Writes);
        // The record, the download, and one query for posts that reference it (a retried event heals a missed re-render, §11).
        Assert.True(archive.Requests.Total <= 3, $"{archive.Requests.Total} requests");
        Assert.Equal(etag, await ETagAsync("posts/same"));
        Assert.Equal(listETag, await ETagAsync("posts"));

        var report = await archive.Reconciler.ReconcileAsync(false, CancellationToken.None);
        Assert.Equal(0, report.Added + report.Updated);
        Assert.Equal(etag, await ETagAsync("posts/same"));
    }

    [Fact]
    public async Task Changed_body_updates_the_post_and_every_count()
    {
        await archive.UploadAsync("grow.md", Posts.Make("grow", "Grow", "2024-01-01", "Growth", words: 10));
        var before = await archive.GetJsonAsync("reading-time");
        Assert.Equal(IngestOutcome.Updated, (await archive.UploadAsync("grow.md", Posts.Make("grow", "Grow", "2024-01-01", "Growth", words: 450))).Outcome);

        var post = await archive.GetJsonAsync("posts/grow");
        Assert.Equal(450, post.GetProperty("wordCount").GetInt32());
        Assert.Equal(3, post.GetProperty("readingTime").GetInt32());
        var after = await archive.GetJsonAsync("reading-time");
        Assert.Equal(before.GetProperty("posts").GetInt32(), after.GetProperty("posts").GetInt32());
        Assert.Equal(before.GetProperty("totalWords").GetInt32() + 440, after.GetProperty("totalWords").GetInt32());
        Assert.Equal(before.GetProperty("totalMinutes").GetInt32() + 2, after.GetProperty("totalMinutes").GetInt32());
        var theme = (await archive.GetJsonAsync("themes")).GetProperty("items").EnumerateArray().Single(t => t.GetProperty("slug").GetString() == "growth");
        Assert.Equal(450, theme.GetProperty("words").GetInt32());
        Assert.Equal(1, theme.GetProperty("posts").GetInt32());
    }

    [Fact]
    public async Task Editing_the_longest_and_latest_post_keeps_the_totals_exact_reading_the_others_only_when_it_must()
    {
        for (var i = 1; i <= 7; i++)
        {
            await archive.UploadAsync($"edit{i}.md", Posts.Make($"edit{i}", $"Edit {i}", $"2024-01-0{i}", "Edits", words: i * 100));
        }

        async Task<int> EditAsync(string date, int words)
        {
            await archive.PutBlobAsync("edit7.md", Encoding.UTF8.GetBytes(Posts.Make("edit7", "Edit 7", date, "Edits", words: words)));
            archive.Requests.Reset();
            Assert.Equal(IngestOutcome.Updated, (await archive.Ingestor.IngestAsync("edit7.md", CancellationToken.None)).Outcome);
            return archive.Requests.Total;
        }

        // Still the longest and the latest after the edit: nothing else can take its place.
        var inPlace = await EditAsync("2024-01-07", 750);
        // Shorter than the rest and older: the next longest and the next latest must be read.
        var moved = await EditAsync("2023-12-31", 50);
        Assert.Equal(inPlace + 1, moved);

        foreach (var path in new[] { "reading-time?theme=edits", "reading-time" })
        {
            var longest = (await archive.GetJsonAsync(path)).GetProperty("longest").EnumerateArray().Select(p => p.GetProperty("id").GetString());
            Assert.Equal(["edit6", "edit5", "edit4", "edit3", "edit2"], longest);
        }

        var theme = (await archive.GetJsonAsync("themes")).GetProperty("items").EnumerateArray().Single();
        Assert.Equal("2024-01-06", theme.GetProperty("latestDate").GetString());
        Assert.Equal(0, await archive.Reconciler.RecomputeTotalsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Theme_change_moves_the_post_between_themes()
    {
        await archive.UploadAsync("mover.md", Posts.Make("mover", "Mover", theme: "Before Move"));
        await archive.UploadAsync("mover.md", Posts.Make("mover", "Mover", theme: "After Move"));
        var slugs = (await archive.GetJsonAsync("themes")).GetProperty("items").EnumerateArray().Select(t => t.GetProperty("slug").GetString()).ToList();
        Assert.Contains("after-move", slugs);
        Assert.DoesNotContain("before-move", slugs);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync("themes/before-move"));
        Assert.Equal(0, await archive.Reconciler.RecomputeTotalsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Deleted_blob_disappears_from_every_endpoint_after_reconcile()
    {
        await archive.UploadAsync("gone.md", Posts.Make("gone", "Gone", "2030-01-01", "Vanishing", words: 5000));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync("posts/gone"));
        var postsBefore = (await archive.GetJsonAsync("health")).GetProperty("posts").GetInt32();

        await archive.DeleteBlobAsync("gone.md");
        var report = await archive.Reconciler.ReconcileAsync(true, CancellationToken.None);
        Assert.Equal(1, report.Removed);
        Assert.Equal(0, report.TotalsRepaired);

        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync("posts/gone"));
        Assert.DoesNotContain((await archive.GetJsonAsync("posts?limit=100")).GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetString() == "gone");
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync("themes/vanishing"));
        Assert.Equal(postsBefore - 1, (await archive.GetJsonAsync("health")).GetProperty("posts").GetInt32());
        var readingTime = await archive.GetJsonAsync("reading-time");
        Assert.DoesNotContain(readingTime.GetProperty("longest").EnumerateArray(), p => p.GetProperty("id").GetString() == "gone");
        Assert.DoesNotContain(readingTime.GetProperty("byTheme").EnumerateArray(), t => t.GetProperty("slug").GetString() == "vanishing");
    }

    [Fact]
    public async Task Rejected_new_version_keeps_the_last_good_one_until_a_good_version_clears_it()
    {
        await archive.UploadAsync("keep.md", Posts.Make("keep", "Keep Me", words: 12));
        var good = await archive.GetJsonAsync("posts/keep");

        var rejected = await archive.UploadAsync("keep.md", "---\ntitle: [broken\nthread_id: keep\n---\nBody\n");
        Assert.Equal(IngestOutcome.Rejected, rejected.Outcome);
        Assert.Contains("line 2", rejected.Reason, StringComparison.Ordinal);
        var still = await archive.GetJsonAsync("posts/keep");
        Assert.Equal(good.GetProperty("source").GetProperty("contentHash").GetString(), still.GetProperty("source").GetProperty("contentHash").GetString());
        Assert.Equal("Keep Me", still.GetProperty("title").GetString());
        var rejection = Assert.Single(await RejectionsAsync(), r => r.GetProperty("blob").GetString() == "keep.md");
        Assert.Contains("invalid YAML", rejection.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.True(rejection.TryGetProperty("at", out _));

        Assert.Equal(IngestOutcome.Updated, (await archive.UploadAsync("keep.md", Posts.Make("keep", "Keep Me Too", words: 12))).Outcome);
        Assert.Equal("Keep Me Too", (await archive.GetJsonAsync("posts/keep")).GetProperty("title").GetString());
        Assert.DoesNotContain(await RejectionsAsync(), r => r.GetProperty("blob").GetString() == "keep.md");
    }

    [Fact]
    public async Task Reuploading_the_last_good_version_after_a_rejection_clears_the_rejection()
    {
        var good = Posts.Make("back", "Back");
        await archive.UploadAsync("back.md", good);
        await archive.UploadAsync("back.md", "---\ntitle: \"\"\n---\n");
        Assert.Contains(await RejectionsAsync(), r => r.GetProperty("blob").GetString() == "back.md");
        await archive.UploadAsync("back.md", good);
        Assert.DoesNotContain(await RejectionsAsync(), r => r.GetProperty("blob").GetString() == "back.md");
    }

    [Fact]
    public async Task Deleting_a_rejected_blob_clears_its_rejection()
    {
        await archive.UploadAsync("never.md", "no title, no heading");
        Assert.Contains(await RejectionsAsync(), r => r.GetProperty("blob").GetString() == "never.md");
        await archive.DeleteBlobAsync("never.md");
        await archive.Reconciler.ReconcileAsync(false, CancellationToken.None);
        Assert.DoesNotContain(await RejectionsAsync(), r => r.GetProperty("blob").GetString() == "never.md");
    }

    [Fact]
    public async Task A_second_blob_claiming_an_owned_id_is_rejected_and_the_owner_stays()
    {
        await archive.UploadAsync("first.md", Posts.Make("Shared_Id", "First"));
        var second = await archive.UploadAsync("folder/second.md", Posts.Make("shared_id", "Second"));
        Assert.Equal(IngestOutcome.Rejected, second.Outcome);
        Assert.Contains("already used by blob 'first.md'", second.Reason, StringComparison.Ordinal);
        Assert.Equal("First", (await archive.GetJsonAsync("posts/shared_id")).GetProperty("title").GetString());

        // Once the owner is deleted, the claimant gets the id at the next reconcile.
        await archive.DeleteBlobAsync("first.md");
        await archive.Reconciler.ReconcileAsync(false, CancellationToken.None);
        Assert.Equal("Second", (await archive.GetJsonAsync("posts/shared_id")).GetProperty("title").GetString());
        Assert.DoesNotContain(await RejectionsAsync(), r => r.GetProperty("blob").GetString() == "folder/second.md");
    }

    [Fact]
    public async Task Changing_a_blobs_thread_id_moves_the_post()
    {
        await archive.UploadAsync("renamed.md", Posts.Make("old_id", "Renamed"));
        Assert.Equal(IngestOutcome.Updated, (await archive.UploadAsync("renamed.md", Posts.Make("new_id", "Renamed"))).Outcome);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync("posts/old_id"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync("posts/new_id"));
        Assert.Equal(0, await archive.Reconciler.RecomputeTotalsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Drafts_are_ingested_but_never_served()
    {
        var result = await archive.UploadAsync("draft.md", Posts.Make("draft_post", "Draft", theme: "Drafts Only", extra: "draft: true\n"));
        Assert.Equal(IngestOutcome.Added, result.Outcome);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync("posts/draft_post"));
        Assert.DoesNotContain((await archive.GetJsonAsync("posts?limit=100")).GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetString() == "draft_post");
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync("themes/drafts-only"));

        await archive.UploadAsync("draft.md", Posts.Make("draft_post", "Draft", theme: "Drafts Only"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync("posts/draft_post"));
    }

    [Fact]
    public async Task Blobs_that_are_neither_posts_nor_images_are_ignored_not_rejected()
    {
        var result = await archive.UploadAsync("notes.txt", [0x89, 0x50, 0x4E, 0x47]);
        Assert.Equal(IngestOutcome.Ignored, result.Outcome);
        Assert.DoesNotContain(await RejectionsAsync(), r => r.GetProperty("blob").GetString() == "notes.txt");
        var report = await archive.Reconciler.ReconcileAsync(false, CancellationToken.None);
        Assert.True(report.Ignored >= 1);
    }

    [Fact]
    public async Task Blob_over_the_size_limit_is_rejected_with_its_size()
    {
        var result = await archive.UploadAsync("huge.md", Encoding.UTF8.GetBytes(Posts.Make("huge", "Huge") + new string('x', 1024 * 1024)));
        Assert.Equal(IngestOutcome.Rejected, result.Outcome);
        Assert.Contains("size limit of 1048576 bytes", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reindex_ingests_what_the_trigger_missed()
    {
        await archive.PutBlobAsync("missed.md", Encoding.UTF8.GetBytes(Posts.Make("missed", "Missed")));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync("posts/missed"));
        var request = new HttpRequestMessage(HttpMethod.Post, "admin/reindex");
        request.Headers.Add("x-functions-key", TestArchive.AdminKey);
        using var response = await archive.Http.SendAsync(request);
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(report.GetProperty("added").GetInt32() >= 1);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync("posts/missed"));
    }
}
