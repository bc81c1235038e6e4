using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Archive.Cli.Local;
using Archive.Core.Stored;
using Archive.Api.Contracts;
using Archive.Storage;
using Archive.Storage.Ingestion;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Archive.Testing;

/// <summary>
/// The local host of Archive on a free port over real HTTP, against the shared Azurite, with a
/// container and table of its own so test classes run side by side. The watcher is off: tests
/// call the ingestor as the blob trigger would, so each step is deterministic.
/// </summary>
public sealed class TestArchive : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key";

    private readonly WebApplication app;
    private ServiceProvider? elsewhere;

    private TestArchive(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        // Every response a test receives is checked against the OpenAPI document.
        Http = new HttpClient(new ContractCheckingHandler()) { BaseAddress = baseAddress };
    }

    public HttpClient Http { get; }
    public IServiceProvider Services => app.Services;
    public ArchiveStore Store => Services.GetRequiredService<ArchiveStore>();
    public Ingestor Ingestor => Services.GetRequiredService<Ingestor>();
    public Reconciler Reconciler => Services.GetRequiredService<Reconciler>();
    public StorageRequestCounter Requests => Services.GetRequiredService<StorageRequestCounter>();

    /// <summary>
    /// An archive of its own; <paramref name="time"/>, when given, is every component's clock (a
    /// <c>FakeTimeProvider</c> instead of waiting); <paramref name="throttle"/>, when given, sits on
    /// its storage clients (Azure's throttling, modelled).
    /// </summary>
    public static async Task<TestArchive> StartAsync(
        AzuriteFixture azurite, IDictionary<string, string?>? settings = null, TimeProvider? time = null, Archive.Storage.Throttling.PartitionThrottle? throttle = null)
    {
        var name = "t" + Guid.NewGuid().ToString("N")[..12];
        var url = $"http://127.0.0.1:{AzuriteProcess.FreePort()}";
        var configuration = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Archive:PostsContainer"] = name + "-posts",
            ["Archive:ContentContainer"] = name + "-content",
            ["Archive:Table"] = name,
            ["Archive:AdminKey"] = AdminKey,
            ["Archive:WatchIntervalSeconds"] = "0",
            // Exact per-request storage counts and immediate reads after each step; ReadCacheTests covers the cache.
            ["Archive:ReadCacheSeconds"] = "0",
            // A line per ingested post and request costs the parallel classes CPU and tells the tests nothing: warnings and errors only.
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var app = LocalHost.Build([], url, config => config.AddInMemoryCollection(configuration), services =>
        {
            if (time is not null)
            {
                services.AddSingleton(time);
            }

            if (throttle is not null)
            {
                services.AddSingleton(throttle);
            }
        });
        await app.StartAsync();
        var archive = new TestArchive(app, new Uri(url + "/api/"));
        await archive.Store.EnsureCreatedAsync(CancellationToken.None);
        return archive;
    }

    /// <summary>Uploads a blob as the owner would (through the SDK), then runs the ingestor as the blob trigger would.</summary>
    public async Task<IngestResult> UploadAsync(string blobName, string text) => await UploadAsync(blobName, Encoding.UTF8.GetBytes(text));

    public async Task<IngestResult> UploadAsync(string blobName, byte[] bytes)
    {
        await PutBlobAsync(blobName, bytes);
        return await Ingestor.IngestAsync(blobName, CancellationToken.None);
    }

    /// <summary>
    /// As <see cref="UploadAsync(string, string)"/>, ingested by another instance (its own services
    /// over the same storage), whose writes this one learns of only through storage.
    /// </summary>
    public async Task<IngestResult> UploadElsewhereAsync(string blobName, string text)
    {
        await PutBlobAsync(blobName, Encoding.UTF8.GetBytes(text));
        var configuration = Services.GetRequiredService<IConfiguration>();
        elsewhere ??= new ServiceCollection()
            .AddSingleton(configuration)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddArchiveStorage(configuration)
            .BuildServiceProvider();
        return await elsewhere.GetRequiredService<Ingestor>().IngestAsync(blobName, CancellationToken.None);
    }

    public async Task PutBlobAsync(string blobName, byte[] bytes) =>
        await Store.Posts.GetBlobClient(blobName).UploadAsync(BinaryData.FromBytes(bytes), new BlobUploadOptions());

    public async Task DeleteBlobAsync(string blobName) => await Store.Posts.DeleteBlobAsync(blobName);

    /// <summary>Waits for the search index an instance saves in the background after reading 100 posts or more (the upload and the removal of earlier layouts' copies).</summary>
    public async Task WaitForSavedSearchIndexAsync()
    {
        await Services.GetRequiredService<Archive.Search.SearchIndex>().Saving;
        var saved = Store.Content.GetBlobClient(Archive.Search.SearchSnapshot.BlobName);
        Assert.True(await Eventually.TrueAsync(async () => (await saved.ExistsAsync()).Value), "no saved search index");
    }

    /// <summary>Another instance's search index over the same storage: its own catalog, nothing in memory yet.</summary>
    public ColdSearch ColdSearchIndex() => new(new Archive.Storage.Reading.PostReader(Store, Services.GetRequiredService<Archive.Storage.Changes.ChangeLog>(), Services.GetRequiredService<Archive.Storage.Reading.CatalogSnapshot>()), Store);

    /// <summary>A cold instance's reader and search index, as the API pairs them.</summary>
    public sealed class ColdSearch(Archive.Storage.Reading.PostReader reader, ArchiveStore store) : IDisposable
    {
        private readonly Archive.Search.SearchIndex index = new(
            new Archive.Search.Sources.StoredPostTexts(reader),
            new Archive.Search.SearchSnapshot(new Archive.Search.Sources.ContentContainerIndexStore(store), Microsoft.Extensions.Logging.Abstractions.NullLogger<Archive.Search.SearchSnapshot>.Instance),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Archive.Search.SearchIndex>.Instance);

        public async Task<Archive.Search.SearchIndex.View> ViewAsync(Archive.Storage.Totals.TotalsSnapshot totals, CancellationToken cancellationToken) =>
            await index.ViewAsync(await reader.CatalogAsync(totals, cancellationToken), cancellationToken);

        public void Dispose()
        {
            index.Dispose();
            reader.Dispose();
        }
    }

    /// <summary>Uploads every file of content/ (as the local stack does on first start).</summary>
    public async Task UploadContentFolderAsync()
    {
        foreach (var path in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "content")))
        {
            var result = await UploadAsync(Path.GetFileName(path), await File.ReadAllBytesAsync(path));
            Assert.True(result.Outcome == IngestOutcome.Added, $"{path}: {result.Outcome} {result.Reason}");
        }
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The current rejections, blob → reason, as the admin route lists them.</summary>
    public async Task<Dictionary<string, string>> RejectionsAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "admin/rejections");
        request.Headers.Add("x-functions-key", AdminKey);
        using var response = await Http.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray()
            .ToDictionary(r => r.GetProperty("blob").GetString()!, r => r.GetProperty("reason").GetString()!);
    }

    public async Task<T> GetAsync<T>(string path) =>
        (await Http.GetFromJsonAsync<T>(path, ArchiveJson.Options))!;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (elsewhere is not null)
        {
            await elsewhere.DisposeAsync();
        }

        await app.StopAsync();
        await app.DisposeAsync();
    }
}
