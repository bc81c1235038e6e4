using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Archive.Api.OpenApi;
using Archive.Api.Routing;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Archive.Integration.Tests;

/// <summary>
/// The OpenAPI document against the API: every route, with every status it declares but 500,
/// driven over HTTP and checked by <see cref="ContractChecks"/> (which also checks every other
/// test's responses).
/// </summary>
public sealed class ContractTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private TestArchive archive = null!;

    public async Task InitializeAsync()
    {
        archive = await TestArchive.StartAsync(azurite);
        await archive.UploadContentFolderAsync();
        await archive.UploadAsync("broken.md", "---\ntitle: [broken\n---\nbody\n");
        await archive.UploadAsync("maps/plan.png", TestImages.Png(600, 400));
    }

    public async Task DisposeAsync() => await archive.DisposeAsync();

    [Fact]
    public async Task Every_route_answers_every_status_it_declares_as_the_document_says()
    {
        var seen = new HashSet<(string, int)>();
        async Task SendAsync(string route, HttpMethod method, string path, string? key = null, string? etag = null, TestArchive? on = null)
        {
            using var request = new HttpRequestMessage(method, path);
            if (key is not null)
            {
                request.Headers.Add("x-functions-key", key);
            }

            if (etag is not null)
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            }

            using var response = await (on ?? archive).Http.SendAsync(request);
            seen.Add((route, (int)response.StatusCode));
            if (response.StatusCode == HttpStatusCode.OK && method == HttpMethod.Get && response.Headers.ETag is { } tag)
            {
                using var again = new HttpRequestMessage(method, path);
                again.Headers.TryAddWithoutValidation("If-None-Match", tag.Tag);
                if (key is not null)
                {
                    again.Headers.Add("x-functions-key", key);
                }

                using var notModified = await archive.Http.SendAsync(again);
                seen.Add((route, (int)notModified.StatusCode));
            }
        }

        var admin = TestArchive.AdminKey;
        foreach (var (route, path) in new[]
        {
            ("ListPosts", "posts?limit=5&sort=oldest"), ("GetPost", "posts/thread_0311?format=text"), ("GetPost", "posts/thread_0311?format=markdown"),
            ("ListThemes", "themes"), ("GetReadingTime", "reading-time"), ("GetHealth", "health"), ("GetOpenApi", "openapi.json"),
            ("ListChanges", "changes?limit=3"), ("ListTags", "tags"), ("Search", "search?q=pacts&limit=2"), ("GetRelated", "posts/thread_0311/related"), ("GetJsonFeed", "feed.json"), ("GetAtomFeed", "feed.xml?theme=labor-history"),
        })
        {
            await SendAsync(route, HttpMethod.Get, path);
        }

        var slug = (await archive.GetJsonAsync("themes")).GetProperty("items")[0].GetProperty("slug").GetString()!;
        await SendAsync("GetTheme", HttpMethod.Get, $"themes/{slug}?limit=2");
        await SendAsync("GetReadingTime", HttpMethod.Get, $"reading-time?theme={slug}");
        await SendAsync("ListRejections", HttpMethod.Get, "admin/rejections", admin);
        await SendAsync("Reindex", HttpMethod.Post, "admin/reindex", admin);
        await SendAsync("GetBlobState", HttpMethod.Get, "admin/blobs/thread_0311.md", admin);
        await SendAsync("GetThemeSuggestions", HttpMethod.Get, "admin/theme-suggestions", admin);
        foreach (var route in RouteTable.All)
        {
            var path = ContractChecks.PathOf(route, "thread_0311", slug, "thread_0311.md");
            await SendAsync(route.Name, new HttpMethod(route.Method), ContractChecks.With(path, "nonsense=1"), route.Admin ? admin : null);
            if (route.Admin)
            {
                await SendAsync(route.Name, new HttpMethod(route.Method), path);
                await SendAsync(route.Name, new HttpMethod(route.Method), path, "not-the-key");
            }
        }

        await SendAsync("GetMedia", HttpMethod.Get, "media/maps/plan.png?w=480");
        await SendAsync("GetMedia", HttpMethod.Get, "media/maps/nothing.png");
        await SendAsync("GetPost", HttpMethod.Get, "posts/nothing-here");
        await SendAsync("GetRelated", HttpMethod.Get, "posts/nothing-here/related");
        await SendAsync("GetTheme", HttpMethod.Get, "themes/nothing-here");
        await SendAsync("GetReadingTime", HttpMethod.Get, "reading-time?theme=nothing-here");

        // Storage that is not set up: every route that reads it says 503.
        await using (var bare = await TestArchive.StartAsync(azurite))
        {
            await bare.PutBlobAsync("x.md", Encoding.UTF8.GetBytes(Posts.Make("x", "X")));

            // A change token from another store (as after a reset): 410.
            await bare.Ingestor.IngestAsync("x.md", CancellationToken.None);
            var token = (await archive.GetJsonAsync("changes")).GetProperty("nextToken").GetString()!;
            await SendAsync("ListChanges", HttpMethod.Get, "changes?since=" + Uri.EscapeDataString(token), on: bare);
            await bare.Store.Table.DeleteAsync();
            foreach (var route in RouteTable.All.Where(r => r.Errors.Contains(503)))
            {
                var path = ContractChecks.PathOf(route, "x", "x", "x.md");
                await SendAsync(route.Name, new HttpMethod(route.Method), path, route.Admin ? admin : null, on: bare);
            }
        }

        var declared = RouteTable.All.SelectMany(r => Declared(r).Select(status => (r.Name, status))).Where(p => p.status != 500).ToHashSet();
        Assert.Empty(declared.Except(seen));
        Assert.Empty(seen.Except(declared));
        output.WriteLine($"{declared.Count} (route, status) pairs answered and checked; {ContractChecks.Validated} responses validated against the document so far in this run");
    }

    [Fact]
    public void A_body_that_breaks_its_schema_is_caught()
    {
        var wrong = Encoding.UTF8.GetBytes("""{"items":[{"id":"x"}],"nextCursor":7}""");
        Assert.Throws<TrueException>(() => ContractChecks.Check("GET", "/api/posts", 200, "application/json", null, wrong));
        Assert.Throws<TrueException>(() => ContractChecks.Check("GET", "/api/posts", 418, "application/json", null, wrong));
        Assert.Throws<TrueException>(() => ContractChecks.Check("GET", "/api/posts", 400, "application/json", null, Encoding.UTF8.GetBytes("{}")));
    }

    [Fact]
    public async Task The_served_document_is_openapi_3_1_with_a_schema_for_every_body()
    {
        var served = JsonNode.Parse(await archive.Http.GetStringAsync("openapi.json"))!;
        Assert.Equal(OpenApiDocumentFactory.Document.ToJsonString(), served.ToJsonString());
        Assert.StartsWith("3.1", served["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        var schemas = served["components"]!["schemas"]!.AsObject();
        Assert.All(ContractSchemas.Components, type => Assert.True(schemas.ContainsKey(ContractSchemas.Name(type)), type.Name));
        Assert.Equal(["integer"], new[] { served["components"]!["schemas"]!["Problem"]!["properties"]!["status"]!["type"]!.GetValue<string>() });
    }

    private static IEnumerable<int> Declared(ApiRoute route) =>
        OpenApiDocumentFactory.Document["paths"]!["/" + Routes.PublicPath(route.Template)]![route.Method.ToLowerInvariant()]!["responses"]!.AsObject()
            .Select(r => int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture));
}
