using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Archive.EndToEnd.Tests;

/// <summary>
/// The pages (§10, §12) in a real browser against the local host with content/ loaded, plus a post
/// whose title is markup: the script's navigation, Back, search as you type, and the pages with no script at all.
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
    public async Task Links_swap_the_page_without_a_reload_and_Back_returns_to_where_the_reader_was()
    {
        var page = await OpenAsync("", 390, 700);
        await page.EvaluateAsync("() => { window.__samePage = true; }");
        var last = page.Locator("ol.post-list > li.post").Last;
        await last.ScrollIntoViewIfNeededAsync();
        var scrolled = await page.EvaluateAsync<double>("() => window.scrollY");
        Assert.True(scrolled > 300, $"the list scrolled only {scrolled} px");
        var id = await last.GetAttributeAsync("data-id");
        await last.Locator("h2 a").ClickAsync();
        await page.WaitForSelectorAsync($"article.post-page[data-id='{id}']");
        Assert.Matches($"/posts/{id}/[a-z0-9-]+$", page.Url);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__samePage === true"), "following a link reloaded the page");
        Assert.EndsWith(" · Archive", await page.TitleAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.EvaluateAsync<double>("() => window.scrollY"));

        await page.GoBackAsync();
        await page.WaitForSelectorAsync("main > ol.post-list");
        await page.WaitForFunctionAsync($"() => Math.abs(window.scrollY - {scrolled.ToString(CultureInfo.InvariantCulture)}) < 2");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__samePage === true"));
        Assert.Equal("page", await page.Locator("header nav a[href='/']").GetAttributeAsync("aria-current"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Search_as_you_type_shows_the_results_in_place_with_the_words_marked()
    {
        var page = await OpenAsync("themes");
        await page.EvaluateAsync("() => { window.__samePage = true; }");
        await page.Locator("#q").PressSequentiallyAsync("steel", new() { Delay = 30 });
        await page.WaitForSelectorAsync("main .search-results mark");
        Assert.EndsWith("/search?q=steel", page.Url, StringComparison.Ordinal);
        Assert.Equal("steel", await page.Locator("#q").InputValueAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.__samePage === true"));
        Assert.Contains("steel", (await page.Locator("main .search-results mark").First.TextContentAsync())!, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Without_script_every_page_is_read_and_followed()
    {
        var context = await browser.Browser.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Site.ToString());
        Assert.Equal(10, await page.Locator("ol.post-list > li.post").CountAsync());
        // Waited for by what the next page shows: with script off there is no load event to rely on after a click.
        await page.Locator("a[rel=next]").ClickAsync();
        await page.WaitForSelectorAsync(".page-number:has-text('Page 2 of 2')");
        Assert.EndsWith("/?page=2", page.Url, StringComparison.Ordinal);
        await page.Locator("ol.post-list > li.post h2 a").First.ClickAsync();
        await page.WaitForSelectorAsync("article.post-page .post-body");
        Assert.True(await page.Locator("section.related li.post").CountAsync() > 0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Reading time" }).ClickAsync();
        await page.WaitForSelectorAsync(".histogram rect.bar");
        Assert.EndsWith("/reading-time", page.Url, StringComparison.Ordinal);
        Assert.Equal(6, await page.Locator(".histogram rect.bar").CountAsync());
        await page.Locator("#q").FillAsync("pact");
        await page.Locator("#q").PressAsync("Enter");
        await page.WaitForSelectorAsync(".search-results li.post");
        Assert.EndsWith("/search?q=pact", page.Url, StringComparison.Ordinal);
        await context.CloseAsync();
    }

    [Fact]
    public async Task A_title_holding_markup_is_shown_as_text_and_never_run()
    {
        foreach (var path in new[] { "", "posts/hostile_title", "search?q=archivepwned", "tags/markup" })
        {
            var page = await OpenAsync(path);
            var heading = path.StartsWith("posts", StringComparison.Ordinal) ? page.Locator("article > h1") : page.Locator("li.post[data-id=hostile_title] h2 a");
            Assert.Equal(HostileTitle, await heading.TextContentAsync());
            Assert.Equal(0, await heading.Locator("*").CountAsync());
            Assert.Equal(0, await page.Locator("main script, main img[src=x]").CountAsync());
            Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__archivePwned"));
        }

        Assert.Empty(errors);
    }

    [Fact]
    public async Task An_archive_that_stops_answering_shows_a_clear_message()
    {
        var page = await OpenAsync("");
        await page.RouteAsync("**/posts/**", route => route.AbortAsync("connectionrefused"));
        await page.Locator("ol.post-list > li.post h2 a").First.ClickAsync();
        var notice = page.Locator("main .notice[role=alert]");
        await Assertions.Expect(notice).ToBeVisibleAsync();
        Assert.Contains("The archive does not answer", await notice.TextContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_page_fits_a_phone_and_a_desktop_and_is_saved_as_a_screenshot()
    {
        foreach (var (device, width, height) in new[] { ("desktop", 1280, 900), ("phone", 390, 844) })
        {
            foreach (var (name, path) in new[] { ("posts", ""), ("post", "posts/thread_0311/non-aggression-pacts"), ("search", "search?q=pact"), ("themes", "themes"), ("reading-time", "reading-time"), ("not-found", "nowhere") })
            {
                var page = await OpenAsync(path, width, height);
                var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                Assert.True(scrollWidth <= width, $"{device} {name}: {scrollWidth} px wide in a {width} px viewport");
                await page.ScreenshotAsync(new() { Path = Path.Combine(ReaderBrowser.ArtifactsFolder, $"{device}-{name}.png") });
            }
        }

        // The not-found page's 404 is the only console error (the browser reports the status); the CSP refused nothing.
        Assert.All(errors, e => Assert.Contains("404", e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_post_page_first_load_weight_and_time_are_reported()
    {
        var page = await OpenAsync("posts/thread_0311/non-aggression-pacts");
        var load = await page.EvaluateAsync<JsonElement>("""
            () => {
              const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
              return {
                requests: entries.length,
                transferred: entries.reduce((sum, e) => sum + e.transferSize, 0),
                decoded: entries.reduce((sum, e) => sum + e.decodedBodySize, 0),
                loadEvent: performance.getEntriesByType('navigation')[0].loadEventEnd,
              };
            }
            """);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"post page first load: {load.GetProperty("requests").GetInt32()} requests, {load.GetProperty("transferred").GetInt64()} bytes transferred ({load.GetProperty("decoded").GetInt64()} decoded), load event {load.GetProperty("loadEvent").GetDouble():F0} ms");
        output.WriteLine(line);
        await File.WriteAllTextAsync(Path.Combine(ReaderBrowser.ArtifactsFolder, "first-load.txt"), line + "\n");
        Assert.True(load.GetProperty("transferred").GetInt64() > 0);
        Assert.Empty(errors);
    }

    private async Task<IPage> OpenAsync(string path, int width = 1280, int height = 900)
    {
        var page = await browser.NewPageAsync(errors, width, height);
        await page.GotoAsync(new Uri(Site, path).ToString());
        await page.WaitForLoadStateAsync(LoadState.Load);
        return page;
    }
}
