using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Archive.Api.Endpoints;
using Archive.Api.Http;
using Archive.Api.Routing;
using Archive.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Archive.Integration.Tests;

/// <summary>What a client expects of HTTP, over real HTTP: HEAD, compression, preflights, 401s, enums as strings, a cache keyed by meaning.</summary>
public sealed class HttpBasicsTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private TestArchive archive = null!;

    public async Task InitializeAsync()
    {
        archive = await TestArchive.StartAsync(azurite, new Dictionary<string, string?> { ["Archive:ReadCacheSeconds"] = "60" });
        var random = new Random(11);
        for (var i = 0; i < 100; i++)
        {
            await archive.PutBlobAsync($"g{i:D3}.md", CorpusGenerator.Post(random, i));
        }

        await archive.PutBlobAsync("plan.png", TestImages.Png(600, 400));
        await archive.Reconciler.ReconcileAsync(recomputeTotals: false, CancellationToken.None);
    }

    public async Task DisposeAsync() => await archive.DisposeAsync();

    [Fact]
    public async Task Head_answers_every_get_route_with_its_headers_and_no_body()
    {
        var slug = (await archive.GetJsonAsync("themes")).GetProperty("items")[0].GetProperty("slug").GetString()!;
        foreach (var route in RouteTable.All.Where(r => r.Method == "GET"))
        {
            var path = ContractChecks.PathOf(route, "thread_00003", slug, route.Name == Archive.Api.Routing.FunctionNames.GetMedia ? "plan.png" : "g003.md");
            using var get = await SendAsync(HttpMethod.Get, path, route.Admin);
            using var head = await SendAsync(HttpMethod.Head, path, route.Admin);
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal(get.StatusCode, head.StatusCode);
            Assert.Equal(get.Headers.ETag, head.Headers.ETag);
            Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        }
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Json_is_compressed_when_asked_with_its_own_etag_and_the_same_content(string encoding)
    {
        using var plain = await archive.Http.GetAsync("posts?limit=100");
        var plainBytes = await plain.Content.ReadAsByteArrayAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "posts?limit=100");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", $"{encoding}, identity;q=0.5");
        using var compressed = await archive.Http.SendAsync(request);
        var compressedBytes = await compressed.Content.ReadAsByteArrayAsync();
        output.WriteLine($"/api/posts?limit=100: {plainBytes.Length} bytes plain, {compressedBytes.Length} bytes {encoding}");

        Assert.Equal([encoding], compressed.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        Assert.Contains("Accept-Encoding", plain.Headers.Vary);
        Assert.Equal(plain.Headers.ETag!.Tag.Insert(plain.Headers.ETag.Tag.Length - 1, "-" + encoding), compressed.Headers.ETag!.Tag);
        Assert.True(compressedBytes.Length * 4 < plainBytes.Length, $"{compressedBytes.Length} of {plainBytes.Length}");
        Assert.Equal(plainBytes, ContractChecks.Decode(compressedBytes, encoding));

        // The tag the client holds, in its encoding, answers 304, and the 304 names it again.
        using var again = new HttpRequestMessage(HttpMethod.Get, "posts?limit=100");
        again.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
        again.Headers.TryAddWithoutValidation("If-None-Match", compressed.Headers.ETag.Tag);
        using var notModified = await archive.Http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(compressed.Headers.ETag.Tag, notModified.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Small_bodies_and_clients_that_refuse_compression_get_plain_json()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "posts?limit=100");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br;q=0, gzip;q=0");
        using var refused = await archive.Http.SendAsync(request);
        Assert.Empty(refused.Content.Headers.ContentEncoding);

        using var starred = new HttpRequestMessage(HttpMethod.Get, "posts?limit=100");
        starred.Headers.TryAddWithoutValidation("Accept-Encoding", "*, br;q=0");
        using var gzipOnly = await archive.Http.SendAsync(starred);
        Assert.Equal(["gzip"], gzipOnly.Content.Headers.ContentEncoding);

        using var small = new HttpRequestMessage(HttpMethod.Get, "health");
        small.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
        using var health = await archive.Http.SendAsync(small);
        Assert.Empty(health.Content.Headers.ContentEncoding);
    }

    [Fact]
    public void A_body_is_compressed_once_and_its_compressed_bytes_kept_with_it()
    {
        var body = Utf8Json.From(new { text = new string('x', 5000) })!;
        Assert.True(MemoryMarshal.TryGetArray(body.Encoded(ContentCoding.Brotli), out var first));
        Assert.True(MemoryMarshal.TryGetArray(body.Encoded(ContentCoding.Brotli), out var second));
        Assert.Same(first.Array, second.Array);
    }

    [Fact]
    public async Task A_preflight_is_kept_by_the_browser_for_an_hour()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "posts");
        request.Headers.Add("Origin", "https://www.example.org");
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "if-none-match");
        using var response = await archive.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("3600", response.Headers.GetValues("Access-Control-Max-Age").Single());
    }

    [Fact]
    public async Task A_401_says_how_to_authenticate()
    {
        using var response = await archive.Http.GetAsync("admin/rejections");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("x-functions-key", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enums_are_strings_in_the_reindex_report()
    {
        await archive.PutBlobAsync("late.md", Encoding.UTF8.GetBytes(Posts.Make("late", "Late")));
        using var request = new HttpRequestMessage(HttpMethod.Post, "admin/reindex");
        request.Headers.Add("x-functions-key", TestArchive.AdminKey);
        using var response = await archive.Http.SendAsync(request);
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("added", report.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("blob").GetString() == "late.md").GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task The_same_query_in_any_order_is_one_cache_entry()
    {
        var cache = archive.Services.GetRequiredService<ReadCache>();
        await archive.GetJsonAsync("posts?limit=7&sort=oldest");
        var held = cache.CachedBytes;
        await archive.GetJsonAsync("posts?sort=oldest&limit=7");
        await archive.GetJsonAsync("posts?sort=oldest&limit=7&code=anything");
        Assert.Equal(held, cache.CachedBytes);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, bool admin)
    {
        using var request = new HttpRequestMessage(method, path);
        if (admin)
        {
            request.Headers.Add("x-functions-key", TestArchive.AdminKey);
        }

        return await archive.Http.SendAsync(request);
    }
}
