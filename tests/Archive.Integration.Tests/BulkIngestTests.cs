using System.Text;
using System.Text.Json;
using Archive.Storage.Ingestion;
using Xunit.Abstractions;

namespace Archive.Integration.Tests;

/// <summary>A whole folder reconciled at once: new posts go in groups, every other case one by one, and nothing is lost.</summary>
public sealed class BulkIngestTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const int NewPosts = 60;
    private TestArchive archive = null!;

    public async Task InitializeAsync() => archive = await TestArchive.StartAsync(azurite);

    public async Task DisposeAsync() => await archive.DisposeAsync();

    [Fact]
    public async Task New_posts_are_committed_in_groups_and_every_other_case_still_holds()
    {
        // Served before: one post to change, one whose blob a new blob's id collides with, one rejected to fix.
        await archive.UploadAsync("changed.md", Posts.Make("changed", "Changed", "2024-02-01", words: 50));
        await archive.UploadAsync("owner.md", Posts.Make("taken", "Owner", "2024-02-02"));
        await archive.UploadAsync("fixed.md", "---\ntitle: [broken\n---\nbody\n");
        for (var i = 0; i < NewPosts; i++)
        {
            await archive.PutBlobAsync($"new{i:D2}.md", Encoding.UTF8.GetBytes(Posts.Make($"new{i:D2}", $"New {i}", $"2023-0{1 + (i % 9)}-1{i % 10}", $"Theme {i % 5}", words: 100 + i)));
        }

        await archive.PutBlobAsync("changed.md", Encoding.UTF8.GetBytes(Posts.Make("changed", "Changed", "2024-02-01", words: 500)));
        await archive.PutBlobAsync("thief.md", Encoding.UTF8.GetBytes(Posts.Make("taken", "Thief")));
        await archive.PutBlobAsync("twin-a.md", Encoding.UTF8.GetBytes(Posts.Make("twin", "Twin A")));
        await archive.PutBlobAsync("twin-b.md", Encoding.UTF8.GetBytes(Posts.Make("twin", "Twin B")));
        await archive.PutBlobAsync("fixed.md", Encoding.UTF8.GetBytes(Posts.Make("fixed", "Fixed")));
        await archive.PutBlobAsync("bad.md", Encoding.UTF8.GetBytes("---\ntitle: [broken\n---\nbody\n"));

        archive.Requests.Reset();
        var report = await archive.Reconciler.ReconcileAsync(false, CancellationToken.None);
        output.WriteLine($"reconciling {NewPosts + 6} changed blobs: {archive.Requests.Total} storage requests [{string.Join(", ", archive.Requests.ByKind.Select(k => $"{k.Key}={k.Value}"))}]");

        // new00..new59, one twin and fixed are added; changed is updated; thief, the other twin and bad are rejected.
        Assert.Equal(NewPosts + 2, report.Added);
        Assert.Equal(1, report.Updated);
        Assert.Equal(3, report.Rejected);
        // Three requests per new post (download, attempt mark, content upload) and a few per group and per one-by-one case; alone, each post takes seven.
        Assert.True(archive.Requests.Total <= (3 * NewPosts) + 40, $"{archive.Requests.Total} requests");
        // One listing, and each changed blob downloaded once, also those that end up rejected or handled one by one.
        Assert.Equal(1 + NewPosts + 6, archive.Requests.ByKind["GET blob"]);

        var health = await archive.GetJsonAsync("health");
        Assert.Equal(NewPosts + 4, health.GetProperty("posts").GetInt32());
        Assert.Equal(500, (await archive.GetJsonAsync("posts/changed")).GetProperty("wordCount").GetInt32());
        Assert.Equal("Owner", (await archive.GetJsonAsync("posts/taken")).GetProperty("title").GetString());
        Assert.Equal("Fixed", (await archive.GetJsonAsync("posts/fixed")).GetProperty("title").GetString());

        var rejections = await archive.RejectionsAsync();
        Assert.Equal(3, rejections.Count);
        Assert.Contains("bad.md", rejections.Keys);
        Assert.Contains("already used by blob 'owner.md'", rejections["thief.md"]);
        var twinLoser = rejections.ContainsKey("twin-a.md") ? "twin-a.md" : "twin-b.md";
        var twinWinner = twinLoser == "twin-a.md" ? "twin-b.md" : "twin-a.md";
        Assert.Contains($"already used by blob '{twinWinner}'", rejections[twinLoser]);

        var ids = new List<string>();
        for (var path = "posts?limit=100&sort=oldest"; ; )
        {
            var page = await archive.GetJsonAsync(path);
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()!));
            if (!page.TryGetProperty("nextCursor", out var cursor) || cursor.ValueKind != JsonValueKind.String)
            {
                break;
            }

            path = $"posts?limit=100&sort=oldest&cursor={cursor.GetString()}";
        }

        Assert.Equal(NewPosts + 4, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(0, await archive.Reconciler.RecomputeTotalsAsync(CancellationToken.None));
        var again = await archive.Reconciler.ReconcileAsync(false, CancellationToken.None);
        Assert.Equal(0, again.Added + again.Updated + again.Removed);
    }
}
