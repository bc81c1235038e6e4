using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Archive.Api.Routing;
using Archive.Cli.Local;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.EndToEnd.Tests;

/// <summary>
/// The local stack end to end: <c>archive serve</c> as a process on a free port against a private
/// Azurite, posts uploaded with the Azure SDK as a user would, everything checked over real HTTP.
/// </summary>
public sealed class LocalStackTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly TimeSpan ContractLatency = TimeSpan.FromSeconds(5);
    private readonly string container = "e2e" + Guid.NewGuid().ToString("N")[..10];
    private ArchiveCli serve = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        (serve, http) = await ServeAsync(azurite.ConnectionString, container);
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await serve.DisposeAsync();
    }

    internal static async Task<(ArchiveCli, HttpClient)> ServeAsync(string connection, string container)
    {
        var port = AzuriteProcess.FreePort();
        var serve = ArchiveCli.Start(
            ["serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--connection", connection, "--container", container],
            new Dictionary<string, string> { ["Archive__Table"] = container, ["Archive__ContentContainer"] = container + "-content" });
        var http = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}/api/") };
        var started = await Eventually.TrueAsync(async () =>
        {
            try
            {
                using var response = await http.GetAsync("health");
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false; // Not listening yet.
            }
        }, TimeSpan.FromSeconds(60));
        Assert.True(started, $"archive serve did not start:\n{serve.Output}");
        return (serve, http);
    }

    private BlobContainerClient Container => new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(container);

    /// <summary>True when <paramref name="path"/> answers <paramref name="status"/> within the contract's 5 seconds (§7).</summary>
    private Task<bool> AnswersWithinContractAsync(string path, HttpStatusCode status) => AnswersAsync(path, status, ContractLatency);

    private async Task<bool> AnswersAsync(string path, HttpStatusCode status, TimeSpan? timeout = null) =>
        await Eventually.TrueAsync(async () =>
        {
            using var response = await http.GetAsync(path);
            return response.StatusCode == status;
        }, timeout);

    [Fact]
    public async Task Serve_loads_the_sample_content_and_answers_every_route()
    {
        var contentFiles = Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "content")).Count();
        var posts = JsonDocument.Parse(await http.GetStringAsync("posts?limit=100")).RootElement.GetProperty("items");
        Assert.Equal(contentFiles, posts.GetArrayLength());
        Assert.Contains("serves", serve.Output, StringComparison.Ordinal);
        foreach (var path in new[] { "posts/thread_0311", "themes", "themes/cold-war-history", "reading-time", "health", "openapi.json" })
        {
            using var response = await http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
        }

        var reference = JsonDocument.Parse(await http.GetStringAsync("posts/thread_0311")).RootElement;
        Assert.Equal(595, reference.GetProperty("wordCount").GetInt32());
        Assert.Equal("2024-06-18", reference.GetProperty("date").GetString());
    }

    [Fact]
    public async Task Upload_is_served_and_deletion_disappears_within_5_seconds()
    {
        var text = Posts.Make("e2e_live", "Live", "2025-05-05", "Live Tests");
        await Container.GetBlobClient("live/e2e_live.md").UploadAsync(BinaryData.FromString(text));
        Assert.True(await AnswersWithinContractAsync("posts/e2e_live", HttpStatusCode.OK), "not served within 5 s");

        await Container.DeleteBlobAsync("live/e2e_live.md");
        Assert.True(await AnswersWithinContractAsync("posts/e2e_live", HttpStatusCode.NotFound), "still served 5 s after its deletion");
        Assert.DoesNotContain("live-tests", await http.GetStringAsync("themes"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejected_upload_is_listed_for_the_admin_and_loses_nothing()
    {
        await Container.GetBlobClient("thread_0311.md").UploadAsync(BinaryData.FromString("---\ntitle: broken: yaml: here\n---\n"), overwrite: true);
        var request = () =>
        {
            var message = new HttpRequestMessage(HttpMethod.Get, "admin/rejections");
            message.Headers.Add("x-functions-key", "local-admin-key");
            return message;
        };
        var body = await Eventually.UntilAsync(
            async () =>
            {
                using var response = await http.SendAsync(request());
                return await response.Content.ReadAsStringAsync();
            },
            listed => listed.Contains("thread_0311.md", StringComparison.Ordinal));
        Assert.Contains("invalid YAML", body, StringComparison.Ordinal);
        var post = JsonDocument.Parse(await http.GetStringAsync("posts/thread_0311")).RootElement;
        Assert.Equal(595, post.GetProperty("wordCount").GetInt32());
    }

    [Fact]
    public async Task If_none_match_gives_304_over_http()
    {
        using var first = await http.GetAsync("reading-time");
        using var request = new HttpRequestMessage(HttpMethod.Get, "reading-time");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task Storage_down_after_it_answered_gives_degraded_health_with_the_cause_and_one_line_from_the_cli()
    {
        var data = Path.Combine(Path.GetTempPath(), "archive-down-" + Guid.NewGuid().ToString("N"));
        var own = await AzuriteProcess.StartAsync(RepositoryPaths.AzuriteExecutable!, data, AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), CancellationToken.None);
        var (ownServe, ownHttp) = await ServeAsync(own.ConnectionString, "down");
        try
        {
            using (var up = await ownHttp.GetAsync("health"))
            {
                Assert.Equal(HttpStatusCode.OK, up.StatusCode);
            }

            await own.DisposeAsync();

            // §4: what the instance holds is served; health says degraded, with the cause (health reads storage at most once a second).
            var (status, health) = await Eventually.UntilAsync(
                async () =>
                {
                    using var answer = await ownHttp.GetAsync("health");
                    return (answer.StatusCode, JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.Clone());
                },
                answer => answer.StatusCode != HttpStatusCode.OK || answer.Item2.GetProperty("status").GetString() != "ok");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("degraded", health.GetProperty("status").GetString());
            Assert.NotEmpty(health.GetProperty("problems").EnumerateArray());
            using var posts = await ownHttp.GetAsync("posts");
            Assert.Equal(HttpStatusCode.OK, posts.StatusCode);

            var cli = await ArchiveCli.RunAsync("reindex", "--connection", own.ConnectionString);
            Assert.Equal(2, cli.ExitCode);
            var lines = cli.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var line = Assert.Single(lines);
            Assert.StartsWith("error: the storage account in AzureWebJobsStorage does not answer", line, StringComparison.Ordinal);
        }
        finally
        {
            ownHttp.Dispose();
            await ownServe.DisposeAsync();
        }
    }

    [Fact]
    public async Task Local_host_routes_equal_the_function_apps_routes()
    {
        var app = LocalHost.Build([], "http://127.0.0.1:0", c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Archive:WatchIntervalSeconds"] = "0",
        }));
        await using (app)
        {
            var routes = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
                .Select(e => (Pattern: e.RoutePattern.RawText!.TrimStart('/'), Methods: string.Join(',', e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods)))
                .Order()
                .ToList();
            var functions = FunctionsMetadata.HttpTriggers()
                .Select(t => (Pattern: t.Route, Methods: string.Join(',', t.Methods).ToUpperInvariant()))
                .Order()
                .ToList();
            Assert.Equal(functions, routes);
            Assert.Equal(RouteTable.All.Count + Archive.Pages.PageRoutes.All.Count, functions.Count);
        }
    }

    [Fact]
    public async Task Upload_skips_unchanged_files()
    {
        var folder = Directory.CreateTempSubdirectory("archive-upload-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "u1.md"), Posts.Make("upload_one", "One"));
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "not a post");
        var first = await ArchiveCli.RunAsync("upload", folder, "--connection", azurite.ConnectionString, "--container", container, "--no-wait");
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("1 uploaded, 0 unchanged (skipped), 0 failed", first.Output, StringComparison.Ordinal);
        var second = await ArchiveCli.RunAsync("upload", folder, "--connection", azurite.ConnectionString, "--container", container, "--no-wait");
        Assert.Contains("0 uploaded, 1 unchanged (skipped), 0 failed", second.Output, StringComparison.Ordinal);
        Assert.True(await AnswersAsync("posts/upload_one", HttpStatusCode.OK), "the uploaded post was never served");
    }
}
