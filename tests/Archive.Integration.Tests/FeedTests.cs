using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Json.Schema;

namespace Archive.Integration.Tests;

/// <summary>
/// §9 feeds, checked strictly: the Atom feed against RFC 4287's RELAX NG schema (appendix B,
/// tests/feeds/atom.rnc) with jing, plus the two rules the RFC states as Schematron; the JSON Feed
/// against a schema written from the JSON Feed 1.1 spec (tests/feeds/jsonfeed-1.1.schema.json),
/// formats asserted. Their items are the posts <c>/api/posts</c> lists first.
/// </summary>
public sealed class FeedTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly string Feeds = Path.Combine(AppContext.BaseDirectory, "feeds");
    private static readonly JsonSchema JsonFeedSchema = JsonSchema.FromFile(Path.Combine(Feeds, "jsonfeed-1.1.schema.json"));

    [Fact]
    public async Task The_feeds_of_content_are_valid_and_list_the_newest_posts_as_posts_does()
    {
        await using var archive = await TestArchive.StartAsync(azurite);
        await archive.UploadContentFolderAsync();
        var hostile = await archive.UploadAsync("hostile.md", Posts.Make("hostile", "<script>alert(1)</script> & ]]> 'q'", "2030-01-01", extra: "tags: [Île-de-France, \"東京 駅\"]\n"));
        Assert.Equal(Archive.Storage.Ingestion.IngestOutcome.Added, hostile.Outcome);

        var newest = (await archive.GetJsonAsync("posts?limit=50")).GetProperty("items").EnumerateArray().ToList();
        var json = await JsonFeedAsync(archive, "feed.json");
        var items = json["items"]!.AsArray();
        Assert.Equal(newest.Select(p => p.GetProperty("id").GetString()), items.Select(i => (string?)i!["id"]));
        var first = items[0]!;
        Assert.Equal("hostile", (string?)first["id"]);
        Assert.Equal("<script>alert(1)</script> & ]]> 'q'", (string?)first["title"]);
        // Items link to the post's page (§12), never to JSON.
        Assert.Equal($"{archive.Http.BaseAddress!.GetLeftPart(UriPartial.Authority)}/posts/hostile/{newest[0].GetProperty("slug").GetString()}", (string?)first["url"]);
        Assert.Equal(newest[0].GetProperty("updatedAt").GetDateTimeOffset(), first["date_modified"]!.GetValue<DateTimeOffset>());
        Assert.Equal(["Île-de-France", "東京 駅"], first["tags"]!.AsArray().Select(t => (string?)t));
        Assert.Equal("Archive", (string?)json["authors"]![0]!["name"]);
        var reference = items.Single(i => (string?)i!["id"] == "thread_0311")!;
        Assert.Contains("<p>", (string?)reference["content_html"], StringComparison.Ordinal);

        var atom = await AtomFeedAsync(archive, "feed.xml");
        var entries = atom.Root!.Elements(Atom + "entry").ToList();
        Assert.Equal(items.Select(i => $"tag:127.0.0.1,2026:posts/{i!["id"]}"), entries.Select(e => e.Element(Atom + "id")!.Value));
        Assert.Equal("<script>alert(1)</script> & ]]> 'q'", entries[0].Element(Atom + "title")!.Value);
        Assert.Equal(["Île-de-France", "東京 駅"], entries[0].Elements(Atom + "category").Select(c => c.Attribute("term")!.Value));
    }

    [Fact]
    public async Task A_feed_narrows_to_a_theme_or_a_tag_and_links_to_the_site_when_one_is_set()
    {
        await using var archive = await TestArchive.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Archive:SiteUrl"] = "https://example.org/blog",
            ["Archive:FeedTitle"] = "Threads",
            ["Archive:FeedAuthor"] = "The Owner",
        });
        await archive.UploadAsync("a.md", Posts.Make("a", "A", "2024-01-01", theme: "Labor History", extra: "tags: [Île-de-France]\n"));
        await archive.UploadAsync("b.md", Posts.Make("b", "B", "2024-02-01", theme: "Economics"));

        var labor = await JsonFeedAsync(archive, "feed.json?theme=labor-history");
        Assert.Equal(["a"], labor["items"]!.AsArray().Select(i => (string?)i!["id"]));
        Assert.Equal("https://example.org/blog/posts/a/a", (string?)labor["items"]![0]!["url"]);
        Assert.Equal("https://example.org/blog/", (string?)labor["home_page_url"]);
        Assert.Equal("Threads", (string?)labor["title"]);
        Assert.Equal("The Owner", (string?)labor["authors"]![0]!["name"]);

        // The tag as written or its key (§8).
        foreach (var tag in new[] { "Île-de-France", "ile-de-france" })
        {
            var tagged = await AtomFeedAsync(archive, "feed.xml?tag=" + Uri.EscapeDataString(tag));
            Assert.Equal(["tag:example.org,2026:posts/a"], tagged.Root!.Elements(Atom + "entry").Select(e => e.Element(Atom + "id")!.Value));
        }

        Assert.Empty((await JsonFeedAsync(archive, "feed.json?theme=nothing-here"))["items"]!.AsArray());
        Assert.Empty((await AtomFeedAsync(archive, "feed.xml?tag=nothing"))!.Root!.Elements(Atom + "entry"));
        using var invalid = await archive.Http.GetAsync("feed.json?limit=5");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    [Fact]
    public async Task A_feed_has_an_etag_and_answers_304_until_a_post_changes()
    {
        await using var archive = await TestArchive.StartAsync(azurite);
        await archive.UploadAsync("a.md", Posts.Make("a", "A", "2024-01-01"));
        foreach (var path in new[] { "feed.json", "feed.xml" })
        {
            using var first = await archive.Http.GetAsync(path);
            using var again = new HttpRequestMessage(HttpMethod.Get, path);
            again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
            using var notModified = await archive.Http.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }

        using var before = await archive.Http.GetAsync("feed.json");
        await archive.UploadAsync("b.md", Posts.Make("b", "B", "2024-02-01"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "feed.json");
        request.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        using var changed = await archive.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }

    [Fact]
    public async Task The_validators_refuse_invalid_feeds()
    {
        // The checks themselves can fail: a feed missing what each format requires is refused.
        var noId = new JsonObject { ["version"] = "https://jsonfeed.org/version/1.1", ["title"] = "T", ["items"] = new JsonArray(new JsonObject { ["content_html"] = "x" }) };
        Assert.False(JsonFeedSchema.Evaluate(JsonDocument.Parse(noId.ToJsonString()).RootElement, StrictFormats).IsValid);
        var badDate = JsonNode.Parse("""{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[{"id":"1","content_html":"x","date_published":"2024-01-01"}]}""")!;
        Assert.False(JsonFeedSchema.Evaluate(JsonDocument.Parse(badDate.ToJsonString()).RootElement, StrictFormats).IsValid);

        var path = Path.Combine(Path.GetTempPath(), $"atom-{Guid.NewGuid():N}.xml");
        await File.WriteAllTextAsync(path, """<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>x</id><entry><id>e</id><title>E</title></entry></feed>""");
        try
        {
            Assert.NotEqual(0, (await JingAsync(path)).ExitCode);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static readonly EvaluationOptions StrictFormats = new() { RequireFormatValidation = true, OutputFormat = OutputFormat.List };

    private static async Task<JsonNode> JsonFeedAsync(TestArchive archive, string path)
    {
        using var response = await archive.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/feed+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        var results = JsonFeedSchema.Evaluate(JsonDocument.Parse(body).RootElement, StrictFormats);
        Assert.True(results.IsValid, $"{path} is not JSON Feed 1.1: " + string.Join("; ", (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(10)));
        return JsonNode.Parse(body)!;
    }

    private static async Task<XDocument> AtomFeedAsync(TestArchive archive, string path)
    {
        using var response = await archive.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var file = Path.Combine(Path.GetTempPath(), $"atom-{Guid.NewGuid():N}.xml");
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
        try
        {
            var (exitCode, messages) = await JingAsync(file);
            Assert.True(exitCode == 0, $"{path} is not valid against RFC 4287's schema: {messages}");
            var feed = XDocument.Load(file);

            // The RFC's Schematron rules: a feed author (or one per entry), and an alternate link for an entry without content.
            Assert.NotNull(feed.Root!.Element(Atom + "author"));
            Assert.All(feed.Root.Elements(Atom + "entry"), e =>
                Assert.True(e.Element(Atom + "content") is not null || e.Elements(Atom + "link").Any(l => (string?)l.Attribute("rel") is null or "alternate")));
            return feed;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>jing (Debian's package; .ci/run installs it) with the RFC's compact schema.</summary>
    private static async Task<(int ExitCode, string Output)> JingAsync(string file)
    {
        var (exitCode, messages) = await ToolProcess.RunAsync("jing", Feeds, "-c", "atom.rnc", file);
        // The Debian wrapper warns about optional jars it does not need.
        return (exitCode, string.Join('\n', messages.Split('\n').Where(l => !l.StartsWith("[warning]", StringComparison.Ordinal))));
    }
}
