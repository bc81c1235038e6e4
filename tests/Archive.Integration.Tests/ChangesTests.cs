using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Archive.Storage.Changes;
using Archive.Storage.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Archive.Integration.Tests;

/// <summary>§9 <c>/api/changes</c>: a client that syncs from the beginning and then keeps applying changes made concurrently ends with what <c>/api/posts</c> serves.</summary>
public sealed class ChangesTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    // The test tier runs a lean sync (3 pages of 100, each of the 7 kinds of change 10 times); bench/sync.sh
    // runs it with 1,000 posts and 200 changes. Change n touches post 4n: there must be 4 posts a change.
    private static readonly int PostCount = Setting("ARCHIVE_SYNC_POSTS", 300);
    private static readonly int ConcurrentChanges = Math.Min(Setting("ARCHIVE_SYNC_CHANGES", 70), PostCount / 4);

    [Fact]
    public async Task A_copy_kept_by_applying_every_page_equals_the_posts_served_through_pages_of_posts_and_concurrent_changes()
    {
        await using var archive = await TestArchive.StartAsync(azurite);
        await Parallel.ForEachAsync(Enumerable.Range(0, PostCount), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            await archive.PutBlobAsync($"s{i:D4}.md", Encoding.UTF8.GetBytes(Make(i, version: 0))));
        var loaded = await archive.Reconciler.ReconcileAsync(false, CancellationToken.None);
        Assert.Equal(PostCount, loaded.Added);

        var client = new SyncClient(archive.Http);
        await client.CatchUpAsync();
        Assert.Empty(client.DifferencesFrom(await SyncClient.ServedAsync(archive.Http)));
        Assert.True(client.Pages >= PostCount / 100, $"{client.Pages} pages");
        output.WriteLine($"initial sync: {client.Pages} pages of 100");

        // Concurrently: every kind of change §9 names, each on posts of its own, while the client keeps reading.
        var kinds = new Dictionary<string, int>();
        using var done = new CancellationTokenSource();
        var reading = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                await client.ReadPageAsync();
            }
        });
        await Parallel.ForEachAsync(Enumerable.Range(0, ConcurrentChanges), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (n, _) =>
        {
            var kind = await ChangeAsync(archive, n);
            lock (kinds)
            {
                kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            }
        });
        await done.CancelAsync();
        await reading;
        output.WriteLine("changes: " + string.Join(", ", kinds.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}")));

        await client.CatchUpAsync();
        var served = await SyncClient.ServedAsync(archive.Http);
        Assert.Empty(client.DifferencesFrom(served));
        Assert.Equal(PostCount + kinds["add"] - kinds["delete"] - kinds["draft"], served.Count);

        // Nothing more to read: the same token comes back, with no items.
        var token = client.Token;
        Assert.False(await client.ReadPageAsync());
        Assert.Equal(token, client.Token);
    }

    [Fact]
    public async Task A_page_is_oldest_change_first_and_a_rejected_upload_changes_nothing()
    {
        await using var archive = await TestArchive.StartAsync(azurite);
        await archive.UploadAsync("a.md", Posts.Make("A_Post", "A", "2020-01-01"));
        await archive.UploadAsync("b.md", Posts.Make("b_post", "B", "2021-01-01"));
        var client = new SyncClient(archive.Http, limit: 1);
        await client.CatchUpAsync();
        Assert.Equal(["A_Post", "b_post"], client.Copy.Keys.Order(StringComparer.Ordinal));

        var before = client.Token;
        Assert.Equal(IngestOutcome.Rejected, (await archive.UploadAsync("a.md", "---\ntitle: [broken\n---\n")).Outcome);
        var page = await archive.GetJsonAsync("changes?since=" + Uri.EscapeDataString(before!));
        Assert.Empty(page.GetProperty("items").EnumerateArray());
        Assert.False(page.GetProperty("hasMore").GetBoolean());

        // A draft leaves the copy by the id it was served under; deleting its blob later leaves nothing behind.
        await archive.UploadAsync("a.md", Posts.Make("a_post", "A", "2020-01-01", extra: "draft: true\n"));
        await archive.UploadAsync("b.md", Posts.Make("b_post", "B again", "2021-01-01"));
        page = await archive.GetJsonAsync("changes?since=" + Uri.EscapeDataString(before!));
        var items = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("type").GetString() + " " + (i.TryGetProperty("id", out var id) ? id.GetString() : i.GetProperty("post").GetProperty("title").GetString())).ToList();
        Assert.Equal(["delete A_Post", "upsert B again"], items);
        await client.CatchUpAsync();
        Assert.Empty(client.DifferencesFrom(await SyncClient.ServedAsync(archive.Http)));
    }

    [Theory]
    [InlineData("since=abc")]
    [InlineData("since=")]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("limit=ten")]
    public async Task An_invalid_query_is_a_400(string query)
    {
        await using var archive = await TestArchive.StartAsync(azurite);
        using var response = await archive.Http.GetAsync("changes?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_token_altered_by_hand_is_a_400()
    {
        await using var archive = await TestArchive.StartAsync(azurite);
        await archive.UploadAsync("a.md", Posts.Make("a", "A"));
        var token = (await archive.GetJsonAsync("changes")).GetProperty("nextToken").GetString()!;
        var payload = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(token))!;
        payload["V"]![3] = 1;
        var forged = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        using var response = await archive.Http.GetAsync("changes?since=" + forged);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_token_from_before_a_store_reset_is_a_410_that_says_to_start_over()
    {
        await using var before = await TestArchive.StartAsync(azurite);
        await before.UploadAsync("a.md", Posts.Make("a", "A"));
        var token = (await before.GetJsonAsync("changes")).GetProperty("nextToken").GetString()!;

        // Another store (a reset gives new shard generations): same posts, but the token's history is gone.
        await using var reset = await TestArchive.StartAsync(azurite);
        await reset.UploadAsync("a.md", Posts.Make("a", "A"));
        using var response = await reset.Http.GetAsync("changes?since=" + Uri.EscapeDataString(token));
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("Start over", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tombstones_are_purged_after_the_days_kept_and_a_token_that_needed_one_is_a_410()
    {
        await using var archive = await TestArchive.StartAsync(azurite);
        await archive.UploadAsync("a.md", Posts.Make("a", "A"));
        await archive.UploadAsync("b.md", Posts.Make("b", "B"));
        var client = new SyncClient(archive.Http);
        await client.CatchUpAsync();
        var beforeDeletion = client.Token!;

        await archive.DeleteBlobAsync("a.md");
        await archive.Ingestor.IngestAsync("a.md", CancellationToken.None);
        await client.CatchUpAsync();
        var afterDeletion = client.Token!;
        Assert.Equal(["b"], client.Copy.Keys);

        // Kept for now; purged by a reconcile two days later when tombstones are kept one day.
        var log = archive.Services.GetRequiredService<ChangeLog>();
        Assert.Equal(0, await log.PurgeAsync(CancellationToken.None));
        var later = new ChangeLog(archive.Store, Options.Create(new IngestOptions { TombstoneDays = 1 }), new ShiftedTime(TimeSpan.FromDays(2)), NullLogger<ChangeLog>.Instance);
        Assert.Equal(1, await later.PurgeAsync(CancellationToken.None));

        using var gone = await archive.Http.GetAsync("changes?since=" + Uri.EscapeDataString(beforeDeletion));
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Contains("tombstones", await gone.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A client that had read past the deletion goes on; one that starts over gets what is served.
        using var current = await archive.Http.GetAsync("changes?since=" + Uri.EscapeDataString(afterDeletion));
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        var fresh = new SyncClient(archive.Http);
        await fresh.CatchUpAsync();
        Assert.Equal(["b"], fresh.Copy.Keys);
    }

    [Fact]
    public async Task Posts_stored_before_the_change_log_get_their_entries_from_a_reconcile()
    {
        await using var archive = await TestArchive.StartAsync(azurite);
        await archive.UploadAsync("old.md", Posts.Make("old", "Old", "2019-01-01"));
        await archive.UploadAsync("new.md", Posts.Make("new", "New", "2020-01-01"));

        // As an earlier version stored it: no entry, and a summary without updatedAt.
        var old = (await archive.Store.FindAsync<Archive.Storage.Tables.PostEntity>("p|old", CancellationToken.None))!;
        await archive.Store.Table.DeleteEntityAsync(Archive.Storage.Tables.RowKeys.Partition, old.ChangeKey!);
        var summary = JsonNode.Parse(old.SummaryJson)!.AsObject();
        summary.Remove("updatedAt");
        old.SummaryJson = summary.ToJsonString();
        old.ChangeKey = null;
        await archive.Store.Table.UpdateEntityAsync(old, old.ETag, Azure.Data.Tables.TableUpdateMode.Replace);
        var client = new SyncClient(archive.Http);
        await client.CatchUpAsync();
        Assert.Equal(["new"], client.Copy.Keys);

        await archive.Reconciler.ReconcileAsync(recomputeTotals: true, CancellationToken.None);
        await client.CatchUpAsync();
        Assert.Empty(client.DifferencesFrom(await SyncClient.ServedAsync(archive.Http)));
        Assert.Equal(old.IngestedAt, client.Copy["old"]["updatedAt"]!.GetValue<DateTimeOffset>());
        var fresh = new SyncClient(archive.Http);
        await fresh.CatchUpAsync();
        Assert.Equal(["new", "old"], fresh.Copy.Keys.Order(StringComparer.Ordinal));
    }

    private static string Make(int i, int version, string? extra = null) =>
        Posts.Make($"s{i:D4}", $"Post {i} v{version}", $"20{10 + (i % 15)}-0{1 + (i % 9)}-1{i % 10}", $"Theme {i % 7}", words: 50 + (i % 300) + version, extra: extra);

    /// <summary>Change number <paramref name="n"/>: each kind on a post no other change touches.</summary>
    private static async Task<string> ChangeAsync(TestArchive archive, int n)
    {
        var i = n * 4;
        switch (n % 7)
        {
            case 0:
                await archive.UploadAsync($"new{n:D3}.md", Posts.Make($"new{n:D3}", $"New {n}", "2025-06-01"));
                return "add";
            case 1:
                await archive.UploadAsync($"s{i:D4}.md", Make(i, version: 1));
                return "change";
            case 2:
                await archive.UploadAsync($"s{i:D4}.md", Make(i, version: 1, extra: "draft: true\n"));
                return "draft";
            case 3:
                Assert.Equal(IngestOutcome.Rejected, (await archive.UploadAsync($"s{i:D4}.md", "---\ntitle: [broken\n---\n")).Outcome);
                return "reject";
            case 4:
                // Renamed: the old blob goes, the same post arrives from a new one.
                await archive.DeleteBlobAsync($"s{i:D4}.md");
                await archive.UploadAsync($"moved/s{i:D4}.md", Make(i, version: 0));
                return "move";
            case 5:
                await archive.DeleteBlobAsync($"s{i:D4}.md");
                await archive.Ingestor.IngestAsync($"s{i:D4}.md", CancellationToken.None);
                return "delete";
            default:
                // Changed twice in a row: the log keeps only the latest.
                await archive.UploadAsync($"s{i:D4}.md", Make(i, version: 1));
                await archive.UploadAsync($"s{i:D4}.md", Make(i, version: 2));
                return "change twice";
        }
    }

    private sealed class ShiftedTime(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
