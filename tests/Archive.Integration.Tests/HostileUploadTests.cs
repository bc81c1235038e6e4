using Xunit.Abstractions;
using System.Net;
using System.Text;
using System.Text.Json;
using Archive.Testing;
using Archive.Core.Parsing;
using Archive.Storage.Ingestion;
using Archive.Storage.Tables;
using Archive.Storage.Totals;
using Azure.Data.Tables;

namespace Archive.Integration.Tests;

/// <summary>
/// Hostile files through the real ingestor against Azurite: each is rejected with its reason or
/// served safely, the good posts around them are ingested, deletions still apply, and a blob that
/// was cut short twice is quarantined before it is parsed again.
/// </summary>
public sealed class HostileUploadTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private TestArchive archive = null!;

    public async Task InitializeAsync() => archive = await TestArchive.StartAsync(azurite);

    public async Task DisposeAsync() => await archive.DisposeAsync();

    [Fact]
    public async Task Every_hostile_file_gets_its_answer_one_blob_at_a_time()
    {
        foreach (var file in HostileFiles.All)
        {
            var result = await archive.UploadAsync(file.BlobName, file.Bytes);
            if (file.Accepted)
            {
                Assert.True(result.Outcome == IngestOutcome.Added, $"{file.Name}: {result.Outcome} {result.Reason}");
            }
            else
            {
                Assert.True(result.Outcome == IngestOutcome.Rejected, $"{file.Name}: {result.Outcome} {result.Reason}");
                Assert.Contains(file.Expect!, result.Reason, StringComparison.Ordinal);
            }
        }

        var rejections = await archive.RejectionsAsync();
        Assert.Equal(HostileFiles.All.Count(f => !f.Accepted), rejections.Count);
        Assert.Equal(0, await archive.Reconciler.RecomputeTotalsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_reconcile_meeting_every_hostile_file_still_ingests_the_others_and_applies_deletions()
    {
        await archive.UploadAsync("leaving.md", Posts.Make("leaving", "Leaving"));
        foreach (var file in HostileFiles.All)
        {
            await archive.PutBlobAsync(file.BlobName, file.Bytes);
        }

        await archive.PutBlobAsync("good.md", Encoding.UTF8.GetBytes(Posts.Make("good", "Good")));
        await archive.DeleteBlobAsync("leaving.md");

        using var reindex = new HttpRequestMessage(HttpMethod.Post, "admin/reindex");
        reindex.Headers.Add("x-functions-key", TestArchive.AdminKey);
        using var response = await archive.Http.SendAsync(reindex);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var report = JsonDocument.Parse(body).RootElement;
        Assert.Equal(0, report.GetProperty("failed").GetInt32());
        Assert.Equal(1, report.GetProperty("removed").GetInt32());
        Assert.Equal(HostileFiles.All.Count(f => !f.Accepted), report.GetProperty("rejected").GetInt32());

        Assert.Equal("Good", (await archive.GetJsonAsync("posts/good")).GetProperty("title").GetString());
        using var gone = await archive.Http.GetAsync("posts/leaving");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        var rejections = await archive.RejectionsAsync();
        foreach (var file in HostileFiles.All.Where(f => !f.Accepted))
        {
            Assert.Contains(file.Expect!, rejections[file.BlobName], StringComparison.Ordinal);
        }

        Assert.Equal(HostileFiles.All.Count(f => f.Accepted) + 1, (await archive.GetJsonAsync("health")).GetProperty("posts").GetInt32());
    }

    [Fact]
    public async Task A_script_title_is_served_as_json_text_that_no_browser_sniffs_as_markup()
    {
        await archive.UploadAsync("script.md", "---\ntitle: \"<script>alert(1)</script>\"\nthread_id: script\n---\nbody\n");
        using var response = await archive.Http.GetAsync("posts/script");
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("\"title\":\"<script>alert(1)</script>\"", raw, StringComparison.Ordinal);
        Assert.Equal("<script>alert(1)</script>", JsonDocument.Parse(raw).RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_post_of_backticks_is_served_at_about_its_own_size()
    {
        // Each paragraph's runs of backticks differ in length, so none closes another: all stay text.
        var paragraph = "x " + string.Join(' ', Enumerable.Range(1, 40).Select(n => new string('`', n)));
        var body = string.Join("\n\n", Enumerable.Repeat(paragraph, 950));
        var markdown = "---\ntitle: Backticks\nthread_id: backticks\n---\n" + body + "\n";
        Assert.InRange(markdown.Length, 800_000, 1_000_000);
        await archive.UploadAsync("backticks.md", markdown);
        using var response = await archive.Http.GetAsync("posts/backticks");
        var served = (await response.Content.ReadAsByteArrayAsync()).Length;
        output.WriteLine($"{served} bytes served for {markdown.Length} of markdown: {(double)served / markdown.Length:F3}x");
        Assert.True(served < markdown.Length * 1.2, $"{served} bytes served for {markdown.Length} of markdown");
    }

    [Fact]
    public async Task One_attempt_cut_short_is_retried_and_two_quarantine_the_content_until_it_changes()
    {
        var bytes = Encoding.UTF8.GetBytes(Posts.Make("crashy", "Crashy"));
        await archive.PutBlobAsync("crashy.md", bytes);

        // As if the process had died while parsing: the mark was written and nothing ended the attempt.
        await MarkAttemptsAsync("crashy.md", bytes, attempts: 1);
        Assert.Equal(IngestOutcome.Added, (await archive.Ingestor.IngestAsync("crashy.md", CancellationToken.None)).Outcome);
        Assert.Null((await RecordAsync("crashy.md"))!.AttemptHash);

        var changed = Encoding.UTF8.GetBytes(Posts.Make("crashy", "Crashy again"));
        await archive.PutBlobAsync("crashy.md", changed);
        await MarkAttemptsAsync("crashy.md", changed, attempts: IngestAttempts.QuarantineAfter);
        var quarantined = await archive.Ingestor.IngestAsync("crashy.md", CancellationToken.None);
        Assert.Equal(IngestOutcome.Rejected, quarantined.Outcome);
        Assert.StartsWith("quarantined:", quarantined.Reason, StringComparison.Ordinal);
        Assert.Equal("Crashy", (await archive.GetJsonAsync("posts/crashy")).GetProperty("title").GetString());

        // The next full reconcile meets the mark before parsing, and writes nothing.
        archive.Requests.Reset();
        var report = await archive.Reconciler.ReconcileAsync(false, CancellationToken.None);
        Assert.Equal(1, report.Rejected);
        Assert.Equal(0, archive.Requests.Writes);
        Assert.StartsWith("quarantined:", (await archive.RejectionsAsync())["crashy.md"], StringComparison.Ordinal);

        await archive.UploadAsync("crashy.md", Posts.Make("crashy", "Crashy fixed"));
        Assert.Equal("Crashy fixed", (await archive.GetJsonAsync("posts/crashy")).GetProperty("title").GetString());
        Assert.Empty(await archive.RejectionsAsync());
    }

    [Fact]
    public async Task A_rejection_met_again_by_later_reconciles_stays_itself_and_writes_nothing()
    {
        await archive.UploadAsync("broken.md", "---\ntitle: [broken\n---\nbody\n");
        for (var round = 0; round < IngestAttempts.QuarantineAfter + 1; round++)
        {
            archive.Requests.Reset();
            var report = await archive.Reconciler.ReconcileAsync(false, CancellationToken.None);
            Assert.Equal(1, report.Rejected);
            Assert.Equal(0, archive.Requests.Writes);
        }

        Assert.StartsWith("invalid YAML", (await archive.RejectionsAsync())["broken.md"], StringComparison.Ordinal);
        Assert.Null((await RecordAsync("broken.md"))!.AttemptHash);
    }

    [Fact]
    public async Task A_post_whose_totals_would_not_fit_a_table_property_is_rejected_before_writing()
    {
        // A first post counted in the same shard as the second, so that both move one row of the theme's totals.
        var shard = TotalsShards.Of(RowKeys.Post("second"));
        var first = Enumerable.Range(0, 1000).Select(i => $"first-{i}").First(id => TotalsShards.Of(RowKeys.Post(id)) == shard);
        await archive.UploadAsync("first.md", Posts.Make(first, "First", theme: "Crowded"));

        // A theme already spelled so many ways that one more spelling would not fit (each spelling is at most 100 characters).
        var totals = await archive.Store.FindAsync<TotalsEntity>(RowKeys.ThemeTotals(shard, "crowded"), CancellationToken.None);
        var spellings = new Dictionary<string, int> { ["Crowded"] = 1 };
        for (var i = 0; JsonSerializer.Serialize(spellings).Length < TotalsEntity.MaxPropertyCharacters - 110; i++)
        {
            spellings[$"Crowded {i}".PadRight(90)] = 1;
        }

        // Filled to 5 characters short of the limit: the new spelling's 12 ("CROWDED":1,) do not fit.
        var room = TotalsEntity.MaxPropertyCharacters - 5 - JsonSerializer.Serialize(spellings).Length;
        spellings["Crowded".PadRight(room - 5)] = 1;
        totals!.NamesJson = JsonSerializer.Serialize(spellings);
        Assert.Equal(TotalsEntity.MaxPropertyCharacters - 5, totals.NamesJson.Length);
        await archive.Store.Table.UpdateEntityAsync(totals, totals.ETag, TableUpdateMode.Replace);

        var result = await archive.UploadAsync("second.md", Posts.Make("second", "Second", theme: "CROWDED"));
        Assert.Equal(IngestOutcome.Rejected, result.Outcome);
        Assert.Contains("the totals of theme 'crowded' would need", result.Reason, StringComparison.Ordinal);
        using var missing = await archive.Http.GetAsync("posts/second");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Content_no_post_points_to_is_removed_once_old_enough()
    {
        await archive.UploadAsync("kept.md", Posts.Make("kept", "Kept"));
        var orphan = archive.Store.Content.GetBlobClient("kept/0000-left-by-a-failed-commit.json");
        await orphan.UploadAsync(BinaryData.FromString("{}"));

        // Young: a commit may be on its way to point at it.
        var report = await archive.Reconciler.ReconcileAsync(true, CancellationToken.None);
        Assert.Equal(0, report.OrphanedContentRemoved);
        Assert.True((await orphan.ExistsAsync()).Value);

        await using var sweeping = await TestArchive.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Archive:PostsContainer"] = archive.Store.Posts.Name,
            ["Archive:ContentContainer"] = archive.Store.Content.Name,
            ["Archive:Table"] = archive.Store.Table.Name,
            ["Archive:OrphanContentMinutes"] = "0",
        });
        report = await sweeping.Reconciler.ReconcileAsync(true, CancellationToken.None);
        Assert.Equal(1, report.OrphanedContentRemoved);
        Assert.False((await orphan.ExistsAsync()).Value);
        Assert.Equal("Kept", (await sweeping.GetJsonAsync("posts/kept")).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Health_reads_storage_at_most_once_a_second()
    {
        await using var cached = await TestArchive.StartAsync(azurite, new Dictionary<string, string?> { ["Archive:ReadCacheSeconds"] = "1" });
        await cached.GetJsonAsync("health");
        cached.Requests.Reset();
        for (var i = 0; i < 20; i++)
        {
            await cached.GetJsonAsync("health");
        }

        // Twenty calls inside about a second: the one read of the first second, perhaps one of the next.
        Assert.True(cached.Requests.Total <= 2, $"{cached.Requests.Total} storage requests");
    }

    private async Task MarkAttemptsAsync(string blobName, byte[] bytes, int attempts)
    {
        var record = await RecordAsync(blobName) ?? new BlobEntity { RowKey = RowKeys.Blob(blobName), Blob = blobName };
        record.AttemptHash = ContentHash.Of(bytes);
        record.Attempts = attempts;
        await archive.Store.Table.UpsertEntityAsync(record, TableUpdateMode.Replace);
    }

    private Task<BlobEntity?> RecordAsync(string blobName) => archive.Store.FindAsync<BlobEntity>(RowKeys.Blob(blobName), CancellationToken.None);
}
