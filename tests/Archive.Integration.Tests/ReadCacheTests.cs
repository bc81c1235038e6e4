using System.Net;
using Archive.Api.Endpoints;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Archive.Integration.Tests;

/// <summary>With the read cache on, repeated reads come from memory and a change still shows within twice its lifetime.</summary>
public sealed class ReadCacheTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    // The cache's clock: the test moves it on instead of waiting (posts' times move with it, which no assertion here reads).
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private TestArchive archive = null!;

    public async Task InitializeAsync()
    {
        archive = await TestArchive.StartAsync(azurite, new Dictionary<string, string?> { ["Archive:ReadCacheSeconds"] = "2" }, time);
        await archive.UploadAsync("cached.md", Posts.Make("cached", "Cached", "2024-01-01", "Cache"));
    }

    public async Task DisposeAsync() => await archive.DisposeAsync();

    [Fact]
    public async Task Repeated_reads_within_half_the_lifetime_make_no_storage_requests_and_changes_show_after_twice_it()
    {
        foreach (var path in new[] { "themes", "posts?limit=5", "posts/cached", "reading-time" })
        {
            await archive.GetJsonAsync(path);
            archive.Requests.Reset();
            await archive.GetJsonAsync(path);
            Assert.Equal(0, archive.Requests.Total);
        }

        using var before = await archive.Http.GetAsync("posts/cached");
        await archive.UploadElsewhereAsync("cached.md", Posts.Make("cached", "Cached Again", "2024-01-01", "Cache"));

        // Another instance's change: within half the lifetime the snapshot in hand is served; past twice it, a request waits for a new one.
        time.Advance(TimeSpan.FromSeconds(0.9));
        Assert.Equal("Cached", (await archive.GetJsonAsync("posts/cached")).GetProperty("title").GetString());
        time.Advance(TimeSpan.FromSeconds(3.2));
        var after = await archive.GetJsonAsync("posts/cached");
        Assert.Equal("Cached Again", after.GetProperty("title").GetString());

        using var request = new HttpRequestMessage(HttpMethod.Get, "posts/cached");
        request.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        using var stale = await archive.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
    }

    [Fact]
    public async Task An_instance_serves_its_own_writes_at_once()
    {
        await archive.GetJsonAsync("posts/cached");
        await archive.UploadAsync("own.md", Posts.Make("own", "Own write", "2024-02-01", "Cache"));
        Assert.Equal("Own write", (await archive.GetJsonAsync("posts/own")).GetProperty("title").GetString());

        // A reindex that removes a post: its answer and the next read agree, with no time passing.
        await archive.Store.Posts.DeleteBlobAsync("own.md");
        using var reindex = new HttpRequestMessage(HttpMethod.Post, "admin/reindex");
        reindex.Headers.Add("x-functions-key", TestArchive.AdminKey);
        using var reindexed = await archive.Http.SendAsync(reindex);
        Assert.Equal(HttpStatusCode.OK, reindexed.StatusCode);
        using var gone = await archive.Http.GetAsync("posts/own");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.DoesNotContain("own", (await archive.GetJsonAsync("posts")).GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Bodies_are_kept_up_to_a_byte_cap_whatever_is_asked()
    {
        const int Cap = 20_000;
        await using var capped = await TestArchive.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Archive:ReadCacheSeconds"] = "60",
            ["Archive:ReadCacheBytes"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        for (var i = 0; i < 10; i++)
        {
            await capped.UploadAsync($"big{i}.md", Posts.Make($"big{i}", $"Big {i}", words: 600));
        }

        var asked = 0L;
        for (var i = 0; i < 10; i++)
        {
            using var response = await capped.Http.GetAsync($"posts/big{i}?format=text");
            asked += (await response.Content.ReadAsByteArrayAsync()).Length;
        }

        // The bodies asked for are more than the cap: not all can be kept, and what is kept stays under it.
        Assert.True(asked > 2 * Cap, $"{asked} bytes asked");
        var cache = capped.Services.GetRequiredService<ReadCache>();
        Assert.InRange(cache.CachedBytes, 1, Cap);
        var misses = cache.Misses;
        for (var i = 0; i < 10; i++)
        {
            await capped.GetJsonAsync($"posts/big{i}?format=text");
        }

        Assert.True(cache.Misses > misses, "every body was still in memory: the cap held nothing back");
        Assert.InRange(cache.CachedBytes, 1, Cap);
    }
}
