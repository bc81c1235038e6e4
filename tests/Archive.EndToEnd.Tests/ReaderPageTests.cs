using System.Globalization;
using System.Text.Json;
using Archive.Cli.Local;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Archive.EndToEnd.Tests;

/// <summary>
/// The reader (spec §10) in a real browser against the local host with content/ loaded, plus a post
/// whose title is markup: what the reader sees is checked against what the API answers.
/// </summary>
public sealed class ReaderPageTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string HostileTitle = "<script>window.__archivePwned = 1</script><img src=x onerror=\"window.__archivePwned = 2\"> & 'q'";

    private TestArchive archive = null!;
    private ReaderBrowser browser = null!;
    private readonly List<string> errors = [];

    private Uri Site => new(archive.Http.BaseAddress!, "/");

    public async Task InitializeAsync()
    {
        archive = await TestArchive.StartAsync(azurite);
        await archive.UploadContentFolderAsync();
        await archive.UploadAsync("hostile-title.md", $"---\ntitle: '{HostileTitle.Replace("'", "''", StringComparison.Ordinal)}'\ndate: 2026-06-01\nthread_id: hostile_title\nprimary_theme: Labor History\ntags: [markup]\n---\n\nA post whose title is markup, about the archivepwned check.\n");
        browser = await ReaderBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await archive.DisposeAsync();
    }

    [Fact]
    public async Task The_list_shows_every_post_newest_first_and_paging_reaches_the_end()
    {
        var page = await OpenAsync("");
        var seen = new List<string>();
        var pages = 0;
        while (true)
        {
            pages++;
            seen.AddRange(await ListedIdsAsync(page, "main > section > ol.post-list"));
            var older = page.GetByRole(AriaRole.Link, new() { Name = "Older posts →" });
            if (await older.CountAsync() == 0)
            {
                break;
            }

            await older.ClickAsync();
            await ReadyAsync(page);
            Assert.Contains("cursor=", page.Url, StringComparison.Ordinal);
        }

        Assert.Equal(await ApiIdsAsync("posts?limit=100"), seen);
        Assert.Equal(15, seen.Count);
        Assert.Equal(2, pages);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Theme_and_tag_filters_narrow_the_list_and_stay_in_the_url()
    {
        var page = await OpenAsync("");
        await page.SelectOptionAsync("#filter-theme", "cold-war-history");
        await ReadyAsync(page);
        Assert.EndsWith("?theme=cold-war-history", page.Url, StringComparison.Ordinal);
        var themed = await ListedIdsAsync(page, "main > section > ol.post-list");
        Assert.Equal(await ApiIdsAsync("posts?theme=cold-war-history&limit=100"), themed);
        Assert.InRange(themed.Count, 1, 9);
        Assert.Equal("Posts in Cold War History", await page.Locator("main > section > h1").TextContentAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "#Marshall Plan" }).First.ClickAsync();
        await ReadyAsync(page);
        Assert.EndsWith("?tag=Marshall+Plan", page.Url, StringComparison.Ordinal);
        var tagged = await ListedIdsAsync(page, "main > section > ol.post-list");
        Assert.Equal(await ApiIdsAsync("posts?tag=marshall-plan&limit=100"), tagged);
        Assert.NotEmpty(tagged);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_post_page_shows_its_html_and_related_posts()
    {
        var page = await OpenAsync("?theme=uncategorized");
        await page.GetByRole(AriaRole.Link, new() { Name = "non-aggression pacts" }).ClickAsync();
        await ReadyAsync(page);
        Assert.EndsWith("?post=thread_0311", page.Url, StringComparison.Ordinal);
        Assert.Equal("non-aggression pacts", await page.Locator("article > h1").TextContentAsync());
        Assert.Contains("3 min read", await page.Locator("article > .meta").TextContentAsync(), StringComparison.Ordinal);
        var body = page.Locator("article .post-body");
        Assert.Contains("Molotov-Ribbentrop", await body.TextContentAsync(), StringComparison.Ordinal);
        Assert.True(await body.Locator("p").CountAsync() > 1, "the post's HTML is rendered, not shown as text");

        var related = await archive.GetJsonAsync("posts/thread_0311/related");
        var expected = related.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("post").GetProperty("id").GetString()!).ToList();
        Assert.NotEmpty(expected);
        await Assertions.Expect(page.Locator(".related-list > li")).ToHaveCountAsync(expected.Count);
        Assert.Equal(expected, await ListedIdsAsync(page, ".related-list"));

        // A feed item's link ({SiteUrl}posts/{id}, with SiteUrl the reader) opens the same page at its usual URL.
        var linked = await OpenAsync("posts/thread_0311");
        Assert.Equal("non-aggression pacts", await linked.Locator("article > h1").TextContentAsync());
        Assert.EndsWith("/?post=thread_0311", linked.Url, StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_search_highlights_its_words_and_its_url_can_be_shared()
    {
        var page = await OpenAsync("");
        await page.FillAsync("#q", "pacts");
        await page.PressAsync("#q", "Enter");
        await ReadyAsync(page);
        Assert.EndsWith("?q=pacts", page.Url, StringComparison.Ordinal);
        var expected = (await archive.GetJsonAsync("search?q=pacts")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("post").GetProperty("id").GetString()!).ToList();
        Assert.Contains("thread_0311", expected);
        Assert.Equal(expected, await ListedIdsAsync(page, "main ol.post-list"));
        var marks = await page.Locator(".snippet mark").AllTextContentsAsync();
        Assert.NotEmpty(marks);
        Assert.All(marks, mark => Assert.Matches("(?i)^pacts?$", mark));
        Assert.Equal(0, await page.Locator(".snippet *:not(mark)").CountAsync());

        // The same URL opened afresh shows the same results.
        var shared = await OpenAsync("?q=pacts");
        Assert.Equal(expected, await ListedIdsAsync(shared, "main ol.post-list"));
        Assert.Equal("pacts", await shared.InputValueAsync("#q"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_chart_has_one_bar_per_bucket_with_its_count_and_minutes_by_theme()
    {
        var summary = await archive.GetJsonAsync("reading-time");
        var buckets = summary.GetProperty("buckets").EnumerateArray().Select(b => b.GetProperty("posts").GetInt32()).ToList();
        var page = await OpenAsync("?view=reading-time");
        var bars = await page.Locator(".histogram g.bucket").EvaluateAllAsync<JsonElement>(
            "gs => gs.map(g => ({ posts: Number(g.dataset.posts), height: g.querySelector('rect').height.baseVal.value, count: g.querySelector('.count').textContent }))");
        Assert.Equal(buckets.Count, bars.GetArrayLength());
        var tallest = bars.EnumerateArray().Max(b => b.GetProperty("height").GetDouble());
        var most = buckets.Max();
        foreach (var (bar, posts) in bars.EnumerateArray().Zip(buckets))
        {
            Assert.Equal(posts, bar.GetProperty("posts").GetInt32());
            Assert.Equal(posts.ToString(CultureInfo.InvariantCulture), bar.GetProperty("count").GetString());
            // Heights are to scale: a bar of half the posts is half as tall (a bucket with posts at least 1 px).
            Assert.Equal((double)posts / most, bar.GetProperty("height").GetDouble() / tallest, 2);
        }

        var themes = summary.GetProperty("byTheme").EnumerateArray().ToList();
        var rows = await page.Locator(".by-theme .theme-bar").EvaluateAllAsync<JsonElement>("rs => rs.map(r => ({ slug: r.dataset.slug, minutes: Number(r.dataset.minutes) }))");
        Assert.Equal(themes.Select(t => (t.GetProperty("slug").GetString(), t.GetProperty("totalMinutes").GetInt32())),
            rows.EnumerateArray().Select(r => (r.GetProperty("slug").GetString(), r.GetProperty("minutes").GetInt32())));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task An_unreachable_api_shows_a_clear_message()
    {
        var page = await browser.NewPageAsync([]);
        await page.RouteAsync("**/api/**", route => route.AbortAsync("connectionrefused"));
        await page.GotoAsync(Site.ToString());
        var notice = page.Locator(".unreachable[role=alert]");
        await Assertions.Expect(notice).ToBeVisibleAsync();
        Assert.Contains("The archive is not reachable", await notice.TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains($"{Site.ToString().TrimEnd('/')}/api", await notice.TextContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_calls_the_api_that_config_json_names()
    {
        var page = await browser.NewPageAsync(errors);
        var called = new List<string>();
        await page.RouteAsync("**/config.json", route => route.FulfillAsync(new() { ContentType = "application/json", Body = "{ \"apiBaseUrl\": \"/elsewhere/api/\" }" }));
        await page.RouteAsync("**/elsewhere/api/**", route =>
        {
            called.Add(new Uri(route.Request.Url).AbsolutePath);
            return route.ContinueAsync(new() { Url = route.Request.Url.Replace("/elsewhere/api/", "/api/", StringComparison.Ordinal) });
        });
        await page.GotoAsync(Site.ToString());
        await ReadyAsync(page);
        Assert.Equal(await ApiIdsAsync("posts?limit=10"), await ListedIdsAsync(page, "main > section > ol.post-list"));
        Assert.Contains("/elsewhere/api/posts", called);
        Assert.Equal(new Uri(Site, "elsewhere/api/feed.xml").ToString(), await page.GetAttributeAsync("#feed-atom", "href"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_title_holding_markup_is_shown_as_text_and_never_run()
    {
        foreach (var view in new[] { "", "?post=hostile_title", "?q=archivepwned", "?tag=markup" })
        {
            var page = await OpenAsync(view);
            var heading = view.StartsWith("?post", StringComparison.Ordinal) ? page.Locator("article > h1") : page.Locator("li.post[data-id=hostile_title] h2 a");
            Assert.Equal(HostileTitle, await heading.TextContentAsync());
            Assert.Equal(0, await heading.Locator("*").CountAsync());
            Assert.Equal(0, await page.Locator("main script, main img[src=x]").CountAsync());
            Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__archivePwned"));
        }

        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_page_is_served_with_a_policy_that_allows_no_inline_script()
    {
        using var response = await archive.Http.GetAsync(Site);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Equal(ReaderPage.ContentSecurityPolicy, policy);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);

        // Azure's Static Web App sends the same policy, with the Functions app's origin allowed for fetch.
        using var config = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root!, "web", "staticwebapp.config.json")));
        var azure = config.RootElement.GetProperty("globalHeaders").GetProperty("Content-Security-Policy").GetString()!;
        Assert.Equal(policy.Replace("connect-src 'self'", "connect-src 'self' https://*.azurewebsites.net", StringComparison.Ordinal), azure);
    }

    [Fact]
    public async Task Every_view_fits_a_phone_and_a_desktop_and_is_saved_as_a_screenshot()
    {
        foreach (var (device, width, height) in new[] { ("desktop", 1280, 900), ("phone", 390, 844) })
        {
            foreach (var (name, view) in new[] { ("posts", ""), ("post", "?post=thread_0311"), ("search", "?q=pact"), ("themes", "?view=themes"), ("reading-time", "?view=reading-time") })
            {
                var page = await OpenAsync(view, width, height);
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                Assert.True(scrollWidth <= width, $"{device} {name}: {scrollWidth} px wide in a {width} px viewport");
                await page.ScreenshotAsync(new() { Path = Path.Combine(ReaderBrowser.ArtifactsFolder, $"{device}-{name}.png") });
            }
        }

        Assert.Empty(errors);
    }

    [Fact]
    public async Task First_load_weight_and_time_are_reported()
    {
        var page = await OpenAsync("");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var load = await page.EvaluateAsync<JsonElement>("""
            () => {
              const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
              return {
                requests: entries.length,
                transferred: entries.reduce((sum, e) => sum + e.transferSize, 0),
                decoded: entries.reduce((sum, e) => sum + e.decodedBodySize, 0),
                firstView: performance.getEntriesByName('archive:first-view')[0].startTime,
                loadEvent: performance.getEntriesByType('navigation')[0].loadEventEnd,
              };
            }
            """);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"reader first load: {load.GetProperty("requests").GetInt32()} requests, {load.GetProperty("transferred").GetInt64()} bytes transferred ({load.GetProperty("decoded").GetInt64()} decoded), load event {load.GetProperty("loadEvent").GetDouble():F0} ms, first view {load.GetProperty("firstView").GetDouble():F0} ms");
        output.WriteLine(line);
        await File.WriteAllTextAsync(Path.Combine(ReaderBrowser.ArtifactsFolder, "first-load.txt"), line + "\n");
        Assert.True(load.GetProperty("transferred").GetInt64() > 0);
        Assert.Empty(errors);
    }

    private async Task<IPage> OpenAsync(string view, int width = 1280, int height = 900)
    {
        var page = await browser.NewPageAsync(errors, width, height);
        await page.GotoAsync(new Uri(Site, view).ToString());
        await ReadyAsync(page);
        return page;
    }

    /// <summary>The view the URL names is on screen: main is no longer busy (app.js clears it after rendering).</summary>
    private static async Task ReadyAsync(IPage page) =>
        await page.WaitForSelectorAsync("body[data-ready] main#view:not([aria-busy])");

    private static async Task<List<string>> ListedIdsAsync(IPage page, string list) =>
        [.. await page.Locator($"{list} > li.post").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.id)")];

    private async Task<List<string>> ApiIdsAsync(string path) =>
        [.. (await archive.GetJsonAsync(path)).GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()!)];
}
