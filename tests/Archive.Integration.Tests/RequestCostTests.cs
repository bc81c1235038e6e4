using System.Net;
using Archive.Storage.Ingestion;
using Archive.Storage.Reading;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Archive.Integration.Tests;

/// <summary>
/// What each route costs in storage requests with 1,000 posts, counted by a pipeline policy on the
/// storage clients (not by reading the code). Reads of totals must not grow with the archive.
/// </summary>
public sealed class RequestCostTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const int PostCount = 1000;
    private static readonly string[] Themes = ["t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9", "t10", "t11", "t12"];
    private TestArchive archive = null!;
    private readonly List<int> newPostRequests = [];

    public async Task InitializeAsync()
    {
        archive = await TestArchive.StartAsync(azurite);
        var options = new ParallelOptions { MaxDegreeOfParallelism = 8 };
        await Parallel.ForEachAsync(Enumerable.Range(0, PostCount - 1), options, async (i, _) =>
            await archive.UploadAsync($"r{i:D4}.md", Posts.Make($"r{i:D4}", $"Post {i}", $"20{10 + i % 15}-0{1 + i % 9}-1{i % 10}", Themes[i % 12], words: 100 + i % 900)));

        // The last post alone, so its count is not inflated by retries against concurrent writers.
        await archive.PutBlobAsync("last.md", System.Text.Encoding.UTF8.GetBytes(Posts.Make("last", "Last", "2024-01-01", "t1")));
        archive.Requests.Reset();
        Assert.Equal(IngestOutcome.Added, (await archive.Ingestor.IngestAsync("last.md", CancellationToken.None)).Outcome);
        newPostRequests.Add(archive.Requests.Total);
    }

    public async Task DisposeAsync() => await archive.DisposeAsync();

    private async Task<int> CountAsync(string method, string path, string? ifNoneMatch = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add("x-functions-key", TestArchive.AdminKey);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        archive.Requests.Reset();
        using var response = await archive.Http.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        var count = archive.Requests.Total;
        output.WriteLine($"{method} /api/{path}{(ifNoneMatch is null ? string.Empty : " (If-None-Match)")}: {count} storage requests [{string.Join(", ", archive.Requests.ByKind.Select(k => $"{k.Key}={k.Value}"))}]");
        return count;
    }

    [Fact]
    public async Task Storage_requests_per_route_with_1000_posts()
    {
        Assert.Equal(PostCount, (await archive.GetJsonAsync("health")).GetProperty("posts").GetInt32());
        output.WriteLine($"ingest a new post: {newPostRequests[0]} storage requests");
        // Read the blob's record, download, mark the attempt, read the post, read the totals, upload the content, commit,
        // and (a new page to link to, §11) ask which posts reference its blob.
        Assert.True(newPostRequests[0] <= 8, $"new post: {newPostRequests[0]}");

        archive.Requests.Reset();
        Assert.Equal(IngestOutcome.Unchanged, (await archive.Ingestor.IngestAsync("last.md", CancellationToken.None)).Outcome);
        output.WriteLine($"ingest an unchanged re-upload: {archive.Requests.Total} storage requests");
        // Read the blob's record, download, and ask for its dependents (a retried event heals a re-render its first try missed, §11).
        Assert.True(archive.Requests.Total <= 3);

        // The totals are the version row (one entity) and what the catalog in hand makes: the catalog was loaded by the
        // first read above (one request per 1,000 posts, and then saved for the next cold instance).
        Assert.Equal(1, await CountAsync("GET", "themes"));
        Assert.Equal(1, await CountAsync("GET", "reading-time"));
        Assert.Equal(1, await CountAsync("GET", "reading-time?theme=t3"));
        // The version row, and whether each container exists (in parallel; at most once a second per instance).
        Assert.Equal(3, await CountAsync("GET", "health"));
        Assert.Equal(1, await CountAsync("GET", "posts?limit=20"));
        Assert.Equal(1, await CountAsync("GET", "posts?limit=20&sort=longest"));
        Assert.Equal(1, await CountAsync("GET", "posts?limit=20&theme=t5&from=2015-01-01&to=2018-12-31"));
        Assert.Equal(1, await CountAsync("GET", "themes/t7?limit=20"));
        // The totals and the post's content (the post itself is in the catalog); its content is then kept.
        Assert.Equal(2, await CountAsync("GET", "posts/r0500"));
        Assert.Equal(1, await CountAsync("GET", "posts/r0500"));
        Assert.Equal(0, await CountAsync("GET", "openapi.json"));

        using var first = await archive.Http.GetAsync("posts?limit=20");
        Assert.Equal(1, await CountAsync("GET", "posts?limit=20", first.Headers.ETag!.Tag, HttpStatusCode.NotModified));
        using var post = await archive.Http.GetAsync("posts/r0500");
        Assert.Equal(1, await CountAsync("GET", "posts/r0500", post.Headers.ETag!.Tag, HttpStatusCode.NotModified));
        // §9: a page of changes reads the totals and one range of the change log, whatever the archive's size.
        Assert.Equal(2, await CountAsync("GET", "changes?limit=100"));
        var token = (await archive.GetJsonAsync("changes?limit=100")).GetProperty("nextToken").GetString()!;
        Assert.Equal(2, await CountAsync("GET", "changes?limit=100&since=" + Uri.EscapeDataString(token)));
        Assert.Equal(2, await CountAsync("GET", "changes?limit=1000"));

        // A feed: the totals, and each of its 50 posts' content once per instance (content never changes); then only the totals.
        Assert.Equal(1 + 50, await CountAsync("GET", "feed.json"));
        Assert.Equal(1, await CountAsync("GET", "feed.xml"));
        Assert.Equal(1, await CountAsync("GET", "feed.json"));

        // After an upload an instance follows the change log (one request) instead of reading every post again,
        // and a post the upload did not touch keeps its ETag.
        var reader = archive.Services.GetRequiredService<PostReader>();
        var (loads, patches) = (reader.CatalogLoads, reader.CatalogPatches);
        using var untouched = await archive.Http.GetAsync("posts/r0500");
        await archive.UploadAsync("after.md", Posts.Make("after", "After", "2024-03-01", "t2"));
        Assert.Equal(2, await CountAsync("GET", "posts?limit=20"));
        Assert.Equal(loads, reader.CatalogLoads);
        Assert.Equal(patches + 1, reader.CatalogPatches);
        Assert.Equal(1, await CountAsync("GET", "posts/r0500", untouched.Headers.ETag!.Tag, HttpStatusCode.NotModified));
        Assert.Equal(2, await CountAsync("GET", "posts/after"));

        // Search: the first builds this instance's index from each post's content (but those in memory already:
        // the feed's 50, the posts read above), there being no saved index yet (docs/search.md); then the totals only.
        // The saving of the index that follows (an upload, a deletion of an earlier layout's copy) runs in the
        // background and may be counted too.
        Assert.InRange(await CountAsync("GET", "search?q=post"), PostCount - 55, PostCount - 47);
        // Having read that many, it saves its index for the next cold instance (in the background: waited for, so
        // that upload is not counted below).
        await archive.WaitForSavedSearchIndexAsync();
        Assert.Equal(1, await CountAsync("GET", "search?q=post+5&theme=t2"));
        Assert.Equal(1, await CountAsync("GET", "posts/r0500/related"));

        await CountAsync("GET", "admin/rejections");
        await CountAsync("POST", "admin/reindex");
    }
}
