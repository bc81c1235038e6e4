using System.Globalization;
using System.Text.Json;

namespace Archive.Integration.Tests;

/// <summary>§4: paging visits every matching post exactly once, in order; filters by theme, from/to and year.</summary>
public sealed class PagingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly string[] Themes = ["Alpha", "Beta", "Gamma"];
    private TestArchive archive = null!;

    public async Task InitializeAsync()
    {
        archive = await TestArchive.StartAsync(azurite);
        for (var i = 0; i < 23; i++)
        {
            // Dates repeat (ties broken by id), some posts have none, one has a time with an offset.
            var date = i % 7 == 6 ? null : i == 4 ? "2023-03-01T23:30:00-05:00" : $"2023-{1 + i % 5:D2}-{1 + i % 3:D2}";
            var result = await archive.UploadAsync($"p{i:D2}.md", Posts.Make($"P{i:D2}", $"Post {i}", date, Themes[i % 3], words: 5 + (i * 37 % 11)));
            Assert.Equal(Storage.Ingestion.IngestOutcome.Added, result.Outcome);
        }
    }

    public async Task DisposeAsync() => await archive.DisposeAsync();

    private async Task<List<JsonElement>> WalkAsync(string query, int limit = 3, Func<int, Task>? betweenPages = null)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await archive.GetJsonAsync($"posts?{(query.Length > 0 ? query + "&" : string.Empty)}limit={limit}" + (cursor is null ? string.Empty : $"&cursor={Uri.EscapeDataString(cursor)}"));
            var pageItems = page.GetProperty("items").EnumerateArray().ToList();
            Assert.True(pageItems.Count <= limit);
            items.AddRange(pageItems);
            cursor = page.GetProperty("nextCursor").GetString();
            Assert.True(cursor is null || pageItems.Count == limit, "only the last page may be short");
            if (betweenPages is not null)
            {
                await betweenPages(pages);
            }

            pages++;
        }
        while (cursor is not null);

        return items;
    }

    private async Task<List<JsonElement>> AllAsync() =>
        (await archive.GetJsonAsync("posts?limit=100")).GetProperty("items").EnumerateArray().ToList();

    private static long? Instant(JsonElement post) =>
        post.GetProperty("date").GetString() is { } d ? DateTimeOffset.Parse(d, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcTicks : null;

    private static string Key(JsonElement post) => post.GetProperty("id").GetString()!.ToLowerInvariant();

    private static int Words(JsonElement post) => post.GetProperty("wordCount").GetInt32();

    private static List<string> Expected(IEnumerable<JsonElement> posts, string sort) => (sort switch
    {
        "newest" => posts.OrderBy(p => Instant(p) is null).ThenByDescending(Instant).ThenBy(Key, StringComparer.Ordinal),
        "oldest" => posts.OrderBy(p => Instant(p) is null).ThenBy(Instant).ThenBy(Key, StringComparer.Ordinal),
        "longest" => posts.OrderByDescending(Words).ThenBy(Key, StringComparer.Ordinal),
        _ => posts.OrderBy(Words).ThenBy(Key, StringComparer.Ordinal),
    }).Select(p => p.GetProperty("id").GetString()!).ToList();

    [Theory]
    [InlineData("newest")]
    [InlineData("oldest")]
    [InlineData("longest")]
    [InlineData("shortest")]
    public async Task Paging_with_limit_3_walks_every_post_exactly_once_in_order(string sort)
    {
        var all = await AllAsync();
        Assert.Equal(23, all.Count);
        var walked = (await WalkAsync($"sort={sort}")).Select(p => p.GetProperty("id").GetString()!).ToList();
        Assert.Equal(Expected(all, sort), walked);
    }

    [Fact]
    public async Task Default_sort_is_newest_and_posts_without_date_sort_last()
    {
        var walked = await WalkAsync(string.Empty);
        Assert.Equal(Expected(await AllAsync(), "newest"), walked.Select(p => p.GetProperty("id").GetString()!));
        Assert.Equal(JsonValueKind.Null, walked[^1].GetProperty("date").ValueKind);
    }

    [Theory]
    [InlineData("newest")]
    [InlineData("longest")]
    public async Task Paging_while_posts_are_added_still_returns_each_post_once(string sort)
    {
        var before = (await AllAsync()).Select(p => p.GetProperty("id").GetString()!).ToHashSet();
        var walked = await WalkAsync($"sort={sort}", 4, async page =>
        {
            var id = $"added_{sort}_{page}";
            await archive.UploadAsync(id + ".md", Posts.Make(id, id, $"2023-0{1 + page % 5}-02", "Alpha", words: 3 + page));
        });
        var ids = walked.Select(p => p.GetProperty("id").GetString()!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Subset(ids.ToHashSet(), before);
        foreach (var id in ids.Where(id => id.StartsWith("added_", StringComparison.Ordinal)).ToList())
        {
            await archive.DeleteBlobAsync(id + ".md");
        }

        await archive.Reconciler.ReconcileAsync(true, CancellationToken.None);
    }

    [Theory]
    [InlineData("newest")]
    [InlineData("oldest")]
    [InlineData("longest")]
    [InlineData("shortest")]
    public async Task Theme_filter_walks_only_that_theme(string sort)
    {
        var all = await AllAsync();
        var beta = all.Where(p => p.GetProperty("theme").GetProperty("slug").GetString() == "beta").ToList();
        var walked = await WalkAsync($"sort={sort}&theme=beta", 2);
        Assert.Equal(Expected(beta, sort), walked.Select(p => p.GetProperty("id").GetString()!));
    }

    [Theory]
    [InlineData("newest")]
    [InlineData("oldest")]
    [InlineData("longest")]
    [InlineData("shortest")]
    public async Task From_and_to_are_inclusive_dates(string sort)
    {
        var all = await AllAsync();
        var from = new DateTimeOffset(2023, 2, 2, 0, 0, 0, TimeSpan.Zero).UtcTicks;
        var to = new DateTimeOffset(2023, 4, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks; // the day after 2023-03-31
        var expected = all.Where(p => Instant(p) is { } t && t >= from && t < to).ToList();
        Assert.NotEmpty(expected);
        Assert.Contains(expected, p => Instant(p) == from);
        var walked = await WalkAsync($"sort={sort}&from=2023-02-02&to=2023-03-31", 2);
        Assert.Equal(Expected(expected, sort), walked.Select(p => p.GetProperty("id").GetString()!));
    }

    [Fact]
    public async Task Year_filter_keeps_that_year_and_combines_with_theme()
    {
        await archive.UploadAsync("old.md", Posts.Make("old_one", "Old", "2019-05-05", "Alpha"));
        var walked = await WalkAsync("year=2019");
        Assert.Equal(["old_one"], walked.Select(p => p.GetProperty("id").GetString()));
        Assert.Empty(await WalkAsync("year=2019&theme=beta"));
        Assert.Equal(20, (await WalkAsync("year=2023")).Count);
        await archive.DeleteBlobAsync("old.md");
        await archive.Reconciler.ReconcileAsync(true, CancellationToken.None);
    }

    [Fact]
    public async Task Unknown_theme_gives_an_empty_list() =>
        Assert.Empty((await archive.GetJsonAsync("posts?theme=no-such-theme")).GetProperty("items").EnumerateArray());
}
