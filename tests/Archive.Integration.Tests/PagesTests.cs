using System.Diagnostics;
using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Archive.Integration.Tests;

/// <summary>
/// The pages of §12 as a crawler or a link preview reads them: over HTTP, no script run, the head and
/// the content checked; redirects, 404s, ETags, the sitemap against sitemaps.org's schemas, robots.txt.
/// </summary>
public sealed class PagesTests(PagesTests.Site site) : IClassFixture<PagesTests.Site>, IDisposable
{
    public const string HostileTitle = "</script><script>alert(1)</script> & \"q\" <b>bold</b>";

    private static readonly HtmlParser Parser = new();

    private readonly TestArchive archive = site.Archive;
    private readonly AzuriteFixture azurite = site.Azurite;
    private readonly HttpClient http = Client(site.Archive);

    private string Origin => archive.Http.BaseAddress!.GetLeftPart(UriPartial.Authority);

    public void Dispose() => http.Dispose();

    /// <summary>content/ and a post whose title is markup, loaded once for the class: its tests read, and the one that writes puts things back.</summary>
    public sealed class Site : IAsyncLifetime
    {
        public AzuriteFixture Azurite { get; } = new();

        public TestArchive Archive { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await Azurite.InitializeAsync();
            Archive = await TestArchive.StartAsync(Azurite);
            await Archive.UploadContentFolderAsync();
            await Archive.UploadAsync("hostile.md", $"---\ntitle: '{HostileTitle.Replace("'", "''", StringComparison.Ordinal)}'\ndate: 2026-06-01\nthread_id: hostile_title\nprimary_theme: Labor History\ntags: [Markup Test]\n---\n\n# A heading other than the title\n\nThe first paragraph of the post about markup.\n");
        }

        public async Task DisposeAsync()
        {
            await Archive.DisposeAsync();
            await Azurite.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("/", "Archive", "website")]
    [InlineData("/?page=2", "Page 2 of 2 · Archive", "website")]
    [InlineData("/themes", "Themes · Archive", "website")]
    [InlineData("/themes/labor-history", "Labor History · Archive", "website")]
    [InlineData("/tags", "Tags · Archive", "website")]
    [InlineData("/tags/planning", "#planning · Archive", "website")]
    [InlineData("/reading-time", "Reading time · Archive", "website")]
    [InlineData("/search?q=steel", "“steel”: search · Archive", "website")]
    [InlineData("/posts/thread_0311/non-aggression-pacts", "non-aggression pacts · Archive", "article")]
    public async Task Every_kind_of_page_holds_its_content_and_the_head_a_link_preview_reads(string path, string title, string type)
    {
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain("unsafe", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.StartsWith("public, max-age=", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var page = await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(title, page.Title);
        Assert.False(string.IsNullOrWhiteSpace(Meta(page, "name", "description")));
        Assert.Equal(Origin + path, page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal(type, Meta(page, "property", "og:type"));
        Assert.Equal(Meta(page, "property", "og:url"), page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("Archive", Meta(page, "property", "og:site_name"));
        Assert.False(string.IsNullOrWhiteSpace(Meta(page, "property", "og:title")));
        Assert.False(string.IsNullOrWhiteSpace(Meta(page, "property", "og:description")));
        Assert.StartsWith(Origin + "/", Meta(page, "property", "og:image"), StringComparison.Ordinal);
        Assert.Equal("1200", Meta(page, "property", "og:image:width"));
        Assert.Equal("630", Meta(page, "property", "og:image:height"));
        Assert.Equal("summary", Meta(page, "name", "twitter:card"));
        Assert.Equal(
            ["application/atom+xml", "application/feed+json"],
            page.QuerySelectorAll("link[rel=alternate]").Select(l => l.GetAttribute("type")!).ToArray());
        Assert.Equal(path.StartsWith("/search", StringComparison.Ordinal) ? "noindex" : null, Meta(page, "name", "robots"));
        Assert.NotNull(page.QuerySelector("a.skip[href='#main']"));
        Assert.True(page.QuerySelector("main#main")!.TextContent.Trim().Length > 20, "the page's content is in its HTML");
        Assert.Empty(page.QuerySelectorAll("script:not([type=module]):not([type='application/ld+json'])"));
    }

    [Fact]
    public async Task A_post_page_shows_the_post_its_neighbours_and_related_posts_and_describes_it_to_crawlers()
    {
        var api = await archive.GetJsonAsync("posts/thread_0311");
        var page = await PageAsync("/posts/thread_0311/non-aggression-pacts");
        var article = page.QuerySelector("article.post-page")!;
        Assert.Equal("non-aggression pacts", article.QuerySelector("h1")!.TextContent);
        Assert.Equal("2024-06-18", article.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Contains("3 min read", article.QuerySelector(".meta")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("After Italy, Japan", article.QuerySelector(".post-body")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, page.QuerySelectorAll("h1").Length);
        Assert.Equal(2, page.QuerySelectorAll("nav.neighbours a").Length);
        Assert.NotEmpty(page.QuerySelectorAll("section.related li.post"));

        Assert.Equal("2024-06-18", Meta(page, "property", "article:published_time"));
        Assert.Equal(api.GetProperty("updatedAt").GetDateTimeOffset().ToUnixTimeSeconds(), DateTimeOffset.Parse(Meta(page, "property", "article:modified_time")!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds());
        using var ld = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var posting = ld.RootElement;
        Assert.Equal("BlogPosting", posting.GetProperty("@type").GetString());
        Assert.Equal("non-aggression pacts", posting.GetProperty("headline").GetString());
        Assert.Equal("2024-06-18", posting.GetProperty("datePublished").GetString());
        Assert.Equal(595, posting.GetProperty("wordCount").GetInt32());
        Assert.Equal(Origin + "/posts/thread_0311/non-aggression-pacts", posting.GetProperty("url").GetString());
        Assert.Equal("Archive", posting.GetProperty("author").GetProperty("name").GetString());
        foreach (var field in new[] { "description", "dateModified", "image", "keywords" })
        {
            Assert.True(posting.TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task A_title_holding_markup_is_text_in_the_body_the_head_and_the_json_ld()
    {
        using var response = await http.GetAsync("/posts/hostile_title");
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        var html = await (await http.GetAsync(response.Headers.Location)).Content.ReadAsStringAsync();
        var page = await Parser.ParseDocumentAsync(html);
        Assert.Equal(HostileTitle, page.QuerySelector("article h1")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("article h1 *, main b, main script"));
        Assert.Equal(HostileTitle + " · Archive", page.Title);
        Assert.Equal(HostileTitle, Meta(page, "property", "og:title"));
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        var scripts = page.QuerySelectorAll("script");
        Assert.Equal(["module", "application/ld+json"], scripts.Select(s => s.GetAttribute("type")!).ToArray());
        using var ld = JsonDocument.Parse(scripts[1].TextContent);
        Assert.Equal(HostileTitle, ld.RootElement.GetProperty("headline").GetString());

        // §1: the excerpt leaves out a first heading that is not the title, on the page as in the API.
        Assert.Equal("The first paragraph of the post about markup.", Meta(page, "name", "description"));
    }

    [Theory]
    [InlineData("/posts/thread_0311", "/posts/thread_0311/non-aggression-pacts")]
    [InlineData("/posts/non-aggression-pacts", "/posts/thread_0311/non-aggression-pacts")]
    [InlineData("/posts/thread_0311/a-wrong-slug", "/posts/thread_0311/non-aggression-pacts")]
    [InlineData("/posts/THREAD_0311/non-aggression-pacts", "/posts/thread_0311/non-aggression-pacts")]
    [InlineData("/tags/Marshall%20Plan", "/tags/marshall-plan")]
    [InlineData("/themes/Labor-History", "/themes/labor-history")]
    [InlineData("/?post=thread_0311", "/posts/thread_0311/non-aggression-pacts")]
    [InlineData("/?view=themes", "/themes")]
    [InlineData("/?view=reading-time", "/reading-time")]
    [InlineData("/?q=steel", "/search?q=steel")]
    [InlineData("/?theme=labor-history", "/themes/labor-history")]
    [InlineData("/?tag=Marshall%20Plan", "/tags/marshall-plan")]
    public async Task Other_urls_of_a_page_answer_301_to_it(string path, string canonical)
    {
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(canonical, response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/posts/no_such_post")]
    [InlineData("/themes/no-such-theme")]
    [InlineData("/tags/no-such-tag")]
    [InlineData("/no/such/page")]
    [InlineData("/?page=9")]
    [InlineData("/?page=zero")]
    [InlineData("/search?q=steel&page=2147483647")]
    [InlineData("/?post=no_such_post")]
    public async Task An_unknown_post_theme_tag_or_path_is_a_404_page_in_the_sites_style(string path)
    {
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var page = await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal("Page not found · Archive", page.Title);
        Assert.Equal("noindex", Meta(page, "name", "robots"));
        Assert.NotNull(page.QuerySelector("header.site nav"));
    }

    [Fact]
    public async Task An_unknown_api_path_stays_problem_json()
    {
        using var response = await http.GetAsync("/api/no-such-route");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_page_answers_304_to_its_etag_and_HEAD_and_its_etag_moves_when_a_neighbour_changes()
    {
        const string path = "/posts/thread_0311/non-aggression-pacts";
        using var first = await http.GetAsync(path);
        var etag = first.Headers.ETag!;
        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());

        // A new post dated the day after becomes this one's next: the page shows it, so its ETag moves.
        await archive.UploadAsync("next.md", "---\ntitle: The day after\ndate: 2024-06-19\nthread_id: day_after\n---\n\nWhat came next.\n");
        using var changed = new HttpRequestMessage(HttpMethod.Get, path);
        changed.Headers.IfNoneMatch.Add(etag);
        using var fresh = await http.SendAsync(changed);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.NotEqual(etag, fresh.Headers.ETag);
        var page = await Parser.ParseDocumentAsync(await fresh.Content.ReadAsStringAsync());
        Assert.Equal("/posts/day_after/the-day-after", page.QuerySelector("nav.neighbours a[rel=next]")!.GetAttribute("href"));
        await archive.Store.Posts.DeleteBlobAsync("next.md");
        await archive.Ingestor.RemoveAsync("next.md", CancellationToken.None);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/posts/thread_0311/non-aggression-pacts")]
    public async Task Every_link_of_the_page_answers(string path)
    {
        var page = await PageAsync(path);
        var links = page.QuerySelectorAll("a[href], link[href]").Select(a => a.GetAttribute("href")!)
            .Concat(page.QuerySelectorAll("meta[property='og:image'], meta[name='twitter:image']").Select(m => m.GetAttribute("content")!))
            .Select(href => new Uri(new Uri(Origin + path), href))
            .Where(u => u.GetLeftPart(UriPartial.Authority) == Origin && u.Fragment.Length == 0)
            .Distinct()
            .ToList();
        Assert.True(links.Count > 20, $"only {links.Count} links");
        foreach (var link in links)
        {
            using var response = await http.GetAsync(link);
            var status = (int)response.StatusCode;
            Assert.True(status is 200 or 301, $"{link} answered {status}");
            if (status == 301)
            {
                using var followed = await http.GetAsync(new Uri(link, response.Headers.Location!));
                Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
            }
        }
    }

    [Fact]
    public async Task The_sitemap_is_valid_lists_every_post_with_its_update_and_robots_names_it()
    {
        var xml = await http.GetStringAsync("/sitemap.xml");
        Validate(xml, "sitemap.xsd");
        var sitemap = System.Xml.Linq.XDocument.Parse(xml);
        System.Xml.Linq.XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var urls = sitemap.Descendants(ns + "url").ToDictionary(u => u.Element(ns + "loc")!.Value, u => u.Element(ns + "lastmod")?.Value);
        var posts = (await archive.GetJsonAsync("posts?limit=100")).GetProperty("items").EnumerateArray().ToList();
        foreach (var post in posts)
        {
            var url = $"{Origin}/posts/{post.GetProperty("id").GetString()}/{post.GetProperty("slug").GetString()}";
            Assert.True(urls.TryGetValue(url, out var lastmod), url);
            Assert.Equal(post.GetProperty("updatedAt").GetDateTimeOffset().ToUnixTimeSeconds(), DateTimeOffset.Parse(lastmod!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds());
        }

        Assert.Contains(Origin + "/themes/labor-history", urls.Keys);
        Assert.Contains(Origin + "/tags/planning", urls.Keys);
        Assert.Contains($"Sitemap: {Origin}/sitemap.xml", await http.GetStringAsync("/robots.txt"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Past_its_limit_the_sitemap_is_an_index_of_valid_parts_that_together_list_every_url()
    {
        await using var small = await TestArchive.StartAsync(azurite, new Dictionary<string, string?> { ["Archive:SitemapUrls"] = "4" });
        using var client = Client(small);
        await small.UploadContentFolderAsync();
        var origin = small.Http.BaseAddress!.GetLeftPart(UriPartial.Authority);
        var index = await client.GetStringAsync("/sitemap.xml");
        Validate(index, "siteindex.xsd");
        System.Xml.Linq.XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var parts = System.Xml.Linq.XDocument.Parse(index).Descendants(ns + "loc").Select(l => l.Value).ToList();
        var listed = new List<string>();
        foreach (var part in parts)
        {
            Assert.StartsWith(origin + "/sitemap-", part, StringComparison.Ordinal);
            var xml = await client.GetStringAsync(new Uri(part).PathAndQuery);
            Validate(xml, "sitemap.xsd");
            var locs = System.Xml.Linq.XDocument.Parse(xml).Descendants(ns + "loc").Select(l => l.Value).ToList();
            Assert.InRange(locs.Count, 1, 4);
            listed.AddRange(locs);
        }

        var posts = (await small.GetJsonAsync("posts?limit=100")).GetProperty("items").GetArrayLength();
        Assert.Equal(listed.Count, listed.Distinct().Count());
        Assert.Equal(posts, listed.Count(l => l.Contains("/posts/", StringComparison.Ordinal)));
        using var beyond = await client.GetAsync($"/sitemap-{parts.Count + 1}.xml");
        Assert.Equal(HttpStatusCode.NotFound, beyond.StatusCode);
    }

    [Fact]
    public async Task External_images_can_be_limited_to_the_archives_own()
    {
        using var open = Client(archive);
        using var opened = await open.GetAsync("/");
        Assert.Contains("img-src 'self' data: https:;", opened.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        await using var strict = await TestArchive.StartAsync(azurite, new Dictionary<string, string?> { ["Archive:ExternalImages"] = "false" });
        using var client = Client(strict);
        using var response = await client.GetAsync("/");
        Assert.Contains("img-src 'self' data:;", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_staging_copy_disallows_every_robot_and_every_page_says_noindex()
    {
        await using var staging = await TestArchive.StartAsync(azurite, new Dictionary<string, string?> { ["Archive:Indexable"] = "false", ["Archive:SiteTitle"] = "Staging" });
        using var client = Client(staging);
        Assert.Equal("User-agent: *\nDisallow: /\n", await client.GetStringAsync("/robots.txt"));
        var page = await Parser.ParseDocumentAsync(await client.GetStringAsync("/"));
        Assert.Equal("noindex", Meta(page, "name", "robots"));
        Assert.Equal("Staging", page.Title);
    }

    [Fact]
    public async Task The_default_share_image_and_the_icon_are_pngs_of_their_sizes()
    {
        var page = await PageAsync("/");
        using var share = SkiaSharp.SKBitmap.Decode(await http.GetByteArrayAsync(new Uri(Meta(page, "property", "og:image")!).PathAndQuery));
        Assert.Equal((1200, 630), (share.Width, share.Height));
        using var icon = SkiaSharp.SKBitmap.Decode(await http.GetByteArrayAsync("/favicon.ico"));
        Assert.Equal((32, 32), (icon.Width, icon.Height));
    }

    [Fact]
    public async Task Feed_items_link_to_the_posts_pages()
    {
        using var feed = JsonDocument.Parse(await http.GetStringAsync("/api/feed.json"));
        foreach (var item in feed.RootElement.GetProperty("items").EnumerateArray())
        {
            var url = item.GetProperty("url").GetString()!;
            Assert.StartsWith(Origin + "/posts/", url, StringComparison.Ordinal);
            using var response = await http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private async Task<IDocument> PageAsync(string path) => await Parser.ParseDocumentAsync(await http.GetStringAsync(path));

    private static string? Meta(IDocument page, string attribute, string name) =>
        page.QuerySelector($"meta[{attribute}='{name}']")?.GetAttribute("content");

    private static HttpClient Client(TestArchive archive) =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(archive.Http.BaseAddress!.GetLeftPart(UriPartial.Authority)) };

    private static void Validate(string xml, string schema)
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, xml);
        try
        {
            using var lint = Process.Start(new ProcessStartInfo("xmllint", ["--noout", "--schema", Path.Combine(AppContext.BaseDirectory, "sitemaps", schema), file])
            {
                RedirectStandardError = true,
            }) ?? throw new InvalidOperationException("xmllint did not start: apt-get install libxml2-utils");
            var errors = lint.StandardError.ReadToEnd();
            lint.WaitForExit();
            Assert.True(lint.ExitCode == 0, $"the sitemap is not valid against {schema}: {errors}");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
