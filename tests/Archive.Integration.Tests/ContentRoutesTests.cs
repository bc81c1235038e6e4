using System.Net;
using System.Text.Json;

namespace Archive.Integration.Tests;

/// <summary>The sample content ingested, then every read route checked against the contract (§4).</summary>
public sealed class ContentRoutesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private TestArchive archive = null!;
    private int contentFiles;

    public async Task InitializeAsync()
    {
        archive = await azurite.ContentArchive();
        contentFiles = Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "content")).Count();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Reference_post_is_served_as_the_contract_says()
    {
        var post = await archive.GetJsonAsync("posts/thread_0311");
        Assert.Equal("thread_0311", post.GetProperty("id").GetString());
        Assert.Equal("non-aggression-pacts", post.GetProperty("slug").GetString());
        Assert.Equal("non-aggression pacts", post.GetProperty("title").GetString());
        Assert.Equal("2024-06-18", post.GetProperty("date").GetString());
        Assert.Equal("Tue Jun 18", post.GetProperty("dateText").GetString());
        Assert.True(post.GetProperty("dateInferred").GetBoolean());
        Assert.Equal(595, post.GetProperty("wordCount").GetInt32());
        Assert.Equal(3, post.GetProperty("readingTime").GetInt32());
        Assert.True(post.GetProperty("encodingRepaired").GetBoolean());
        Assert.Equal("uncategorized", post.GetProperty("theme").GetProperty("slug").GetString());
        Assert.Equal("uncategorized", post.GetProperty("theme").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Array, post.GetProperty("tags").ValueKind);
        Assert.Contains("🧵", post.GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.Equal(595, post.GetProperty("declared").GetProperty("wordCount").GetInt32());
        Assert.Equal(3, post.GetProperty("declared").GetProperty("readingTime").GetInt32());
        Assert.Equal(JsonValueKind.Object, post.GetProperty("extra").ValueKind);
        Assert.Equal(0, post.GetProperty("warnings").GetArrayLength());
        Assert.Equal("thread_0311.md", post.GetProperty("source").GetProperty("blob").GetString());
        Assert.Equal(64, post.GetProperty("source").GetProperty("contentHash").GetString()!.Length);
        Assert.True(post.GetProperty("source").TryGetProperty("ingestedAt", out _));
        Assert.False(post.TryGetProperty("markdown", out _));
        Assert.False(post.TryGetProperty("text", out _));
    }

    [Fact]
    public async Task Post_ids_are_case_insensitive_and_served_as_written() =>
        Assert.Equal("thread_0311", (await archive.GetJsonAsync("posts/THREAD_0311")).GetProperty("id").GetString());

    [Fact]
    public async Task Format_markdown_and_text_add_the_body()
    {
        var markdown = await archive.GetJsonAsync("posts/thread_0311?format=markdown");
        Assert.StartsWith("\n# non-aggression pacts", markdown.GetProperty("markdown").GetString(), StringComparison.Ordinal);
        Assert.Contains("🧵", markdown.GetProperty("markdown").GetString(), StringComparison.Ordinal);
        var text = await archive.GetJsonAsync("posts/thread_0311?format=text");
        Assert.StartsWith("After Italy", text.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.False(text.TryGetProperty("markdown", out _));
    }

    [Fact]
    public async Task Post_list_serves_summaries_newest_first()
    {
        var list = await archive.GetJsonAsync("posts?limit=100");
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(contentFiles, items.Count);
        Assert.Equal(JsonValueKind.Null, list.GetProperty("nextCursor").ValueKind);
        string[] summaryFields = ["id", "slug", "title", "date", "dateText", "dateInferred", "description", "theme", "tags", "wordCount", "readingTime", "encodingRepaired", "image", "updatedAt"];
        Assert.All(items, item => Assert.Equal(summaryFields, item.EnumerateObject().Select(p => p.Name)));
        var dates = items.Select(i => i.GetProperty("date")).Where(d => d.ValueKind == JsonValueKind.String).Select(d => d.GetString()![..10]).ToList();
        Assert.Equal(dates.OrderDescending(StringComparer.Ordinal), dates);
        Assert.Equal(JsonValueKind.Null, items[^1].GetProperty("date").ValueKind);
    }

    [Fact]
    public async Task Themes_list_most_posts_first_with_majority_spelling()
    {
        var themes = (await archive.GetJsonAsync("themes")).GetProperty("items").EnumerateArray().ToList();
        var counts = themes.Select(t => t.GetProperty("posts").GetInt32()).ToList();
        Assert.Equal(counts.OrderDescending(), counts);
        Assert.Equal(contentFiles, counts.Sum());
        var cold = themes.Single(t => t.GetProperty("slug").GetString() == "cold-war-history");
        Assert.Equal("Cold War History", cold.GetProperty("name").GetString());
        Assert.Equal(3, cold.GetProperty("posts").GetInt32());
        var coldDates = (await archive.GetJsonAsync("posts?theme=cold-war-history")).GetProperty("items").EnumerateArray()
            .Select(p => p.GetProperty("date").GetString()!).ToList();
        Assert.Equal(coldDates.Max(StringComparer.Ordinal), cold.GetProperty("latestDate").GetString());
        Assert.Equal(coldDates[0], cold.GetProperty("latestDate").GetString());
        // Two posts spell it "Soviet Economy", one "Soviet economy": the majority wins.
        var soviet = themes.Single(t => t.GetProperty("slug").GetString() == "soviet-economy");
        Assert.Equal(2, soviet.GetProperty("posts").GetInt32());
        Assert.Equal("Soviet Economy", soviet.GetProperty("name").GetString());
        Assert.All(themes, t => Assert.True(t.GetProperty("words").GetInt64() > 0 && t.GetProperty("readingMinutes").GetInt64() > 0));
    }

    [Fact]
    public async Task Theme_page_has_the_theme_and_its_posts()
    {
        var page = await archive.GetJsonAsync("themes/decolonization?limit=2");
        Assert.Equal("decolonization", page.GetProperty("theme").GetProperty("slug").GetString());
        Assert.Equal("Decolonization", page.GetProperty("theme").GetProperty("name").GetString());
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        Assert.All(page.GetProperty("items").EnumerateArray(), p => Assert.Equal("decolonization", p.GetProperty("theme").GetProperty("slug").GetString()));
        Assert.Equal(JsonValueKind.String, page.GetProperty("nextCursor").ValueKind);
        var rest = await archive.GetJsonAsync($"themes/decolonization?limit=2&cursor={page.GetProperty("nextCursor").GetString()}");
        Assert.Equal(1, rest.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Theme_names_in_summaries_are_the_display_name()
    {
        var posts = await archive.GetJsonAsync("posts?theme=soviet-economy");
        Assert.All(posts.GetProperty("items").EnumerateArray(), p => Assert.Equal("Soviet Economy", p.GetProperty("theme").GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Reading_time_summarises_every_post()
    {
        var report = await archive.GetJsonAsync("reading-time");
        var list = (await archive.GetJsonAsync("posts?limit=100")).GetProperty("items").EnumerateArray().ToList();
        var minutes = list.Select(p => p.GetProperty("readingTime").GetInt32()).Order().ToList();
        Assert.Equal(list.Count, report.GetProperty("posts").GetInt32());
        Assert.Equal(list.Sum(p => p.GetProperty("wordCount").GetInt32()), report.GetProperty("totalWords").GetInt32());
        Assert.Equal(minutes.Sum(), report.GetProperty("totalMinutes").GetInt32());
        Assert.Equal(Math.Round((double)minutes.Sum() / minutes.Count, 2), report.GetProperty("meanMinutes").GetDouble());
        Assert.Equal(minutes[(int)Math.Ceiling(0.5 * minutes.Count) - 1], report.GetProperty("medianMinutes").GetInt32());
        Assert.Equal(minutes[(int)Math.Ceiling(0.9 * minutes.Count) - 1], report.GetProperty("p90Minutes").GetInt32());
        Assert.Equal(minutes.Max(), report.GetProperty("maxMinutes").GetInt32());

        var buckets = report.GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal(list.Count, buckets.Sum(b => b.GetProperty("posts").GetInt32()));
        Assert.Equal(JsonValueKind.Null, buckets[^1].GetProperty("maxMinutes").ValueKind);
        var starts = buckets.Select(b => b.GetProperty("minMinutes").GetInt32()).ToList();
        Assert.Equal(starts.Order(), starts);

        var byTheme = report.GetProperty("byTheme").EnumerateArray().ToList();
        Assert.Equal(list.Count, byTheme.Sum(t => t.GetProperty("posts").GetInt32()));
        var longest = report.GetProperty("longest").EnumerateArray().Select(p => p.GetProperty("wordCount").GetInt32()).ToList();
        Assert.Equal(list.Select(p => p.GetProperty("wordCount").GetInt32()).OrderDescending().Take(5), longest);
    }

    [Fact]
    public async Task Reading_time_of_one_theme()
    {
        var report = await archive.GetJsonAsync("reading-time?theme=cold-war-history");
        Assert.Equal(3, report.GetProperty("posts").GetInt32());
        Assert.Single(report.GetProperty("byTheme").EnumerateArray());
        Assert.All(report.GetProperty("longest").EnumerateArray(), p => Assert.Equal("cold-war-history", p.GetProperty("theme").GetProperty("slug").GetString()));
    }

    [Fact]
    public async Task Health_reports_posts_and_last_ingest()
    {
        var health = await archive.GetJsonAsync("health");
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(contentFiles, health.GetProperty("posts").GetInt32());
        Assert.Equal(JsonValueKind.String, health.GetProperty("lastIngestAt").ValueKind);
    }

    [Fact]
    public async Task OpenApi_document_lists_every_route()
    {
        var document = await archive.GetJsonAsync("openapi.json");
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Equal(
            ["/posts", "/posts/{id}", "/posts/{id}/related", "/search", "/themes", "/tags", "/themes/{slug}", "/reading-time", "/health", "/openapi.json", "/changes", "/feed.json", "/feed.xml", "/media/{name}", "/admin/rejections", "/admin/blobs/{name}", "/admin/theme-suggestions", "/admin/reindex"],
            paths);
    }

    [Theory]
    [InlineData("posts")]
    [InlineData("posts/thread_0311")]
    [InlineData("themes")]
    [InlineData("themes/decolonization")]
    [InlineData("reading-time")]
    [InlineData("health")]
    [InlineData("openapi.json")]
    public async Task Every_get_has_an_etag_and_if_none_match_gives_304(string path)
    {
        using var first = await archive.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.NotNull(first.Headers.CacheControl);
        Assert.Equal("application/json", first.Content.Headers.ContentType?.MediaType);

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(etag);
        using var second = await archive.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, second.Headers.ETag);
    }

    [Fact]
    public async Task Public_gets_are_cacheable_for_a_short_time()
    {
        using var response = await archive.Http.GetAsync("posts");
        Assert.True(response.Headers.CacheControl!.Public);
        Assert.Equal(TimeSpan.FromSeconds(60), response.Headers.CacheControl.MaxAge);
    }
}
