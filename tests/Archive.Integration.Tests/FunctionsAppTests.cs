using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using System.Text.Json;
using Archive.Testing;
using Archive.Functions;
using Archive.Storage;
using Archive.Storage.Tables;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Archive.Integration.Tests;

/// <summary>
/// Every function class run against the Functions app's own service provider (its Program
/// registration) on Azurite: HTTP functions with a real HttpContext, the blob triggers with a
/// real blob, the blob-events queue with a real message from Azurite's queue, and the timer.
/// </summary>
public sealed class FunctionsAppTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private FunctionsHost host = null!;
    private HttpFunctions http = null!;
    private IngestionFunctions ingestion = null!;

    public async Task InitializeAsync()
    {
        host = await FunctionsHost.StartAsync(azurite.ConnectionString, "f" + Guid.NewGuid().ToString("N")[..12]);
        http = host.Create<HttpFunctions>();
        ingestion = host.Create<IngestionFunctions>();
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Storage_is_created_at_start_and_until_then_health_and_reads_are_503_problems_not_500()
    {
        await using var fresh = await FunctionsHost.StartAsync(azurite.ConnectionString, "f" + Guid.NewGuid().ToString("N")[..12], start: false);
        var functions = fresh.Create<HttpFunctions>();
        var health = await InvokeAsync(fresh, r => functions.GetHealth(r, default), "health");
        Assert.Equal(503, health.Status);
        Assert.Equal("application/problem+json", health.ContentType);
        Assert.Contains("missing", health.Body, StringComparison.Ordinal);
        Assert.Equal(503, (await InvokeAsync(fresh, r => functions.ListPosts(r, default), "posts")).Status);
        Assert.Equal(503, (await InvokeAsync(fresh, r => functions.ListThemes(r, default), "themes")).Status);

        await fresh.StartHostedServicesAsync();
        Assert.True((await fresh.Store.Posts.ExistsAsync()).Value);
        Assert.True((await fresh.Store.Content.ExistsAsync()).Value);
        Assert.True((await new QueueClient(azurite.ConnectionString, FunctionsApp.EventsQueue(fresh.Configuration)).ExistsAsync()).Value);
        var ready = await InvokeAsync(fresh, r => functions.GetHealth(r, default), "health");
        Assert.Equal(200, ready.Status);
        Assert.Equal(0, JsonDocument.Parse(ready.Body).RootElement.GetProperty("posts").GetInt32());

        // A container deleted under a running app: health says so.
        await fresh.Store.Content.DeleteAsync();
        var missing = await InvokeAsync(fresh, r => functions.GetHealth(r, default), "health");
        Assert.Equal(503, missing.Status);
        Assert.Contains(fresh.Store.Content.Name, missing.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_http_function_answers_from_the_app_s_own_services()
    {
        var sample = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "content", "thread_0311.md"));
        await UploadAndTriggerAsync("thread_0311.md", sample);
        await UploadAndTriggerAsync("other.md", Encoding.UTF8.GetBytes(Posts.Make("other", "Other", "2020-01-02", "Labor History", words: 40)));
        await UploadAndTriggerAsync("broken.md", Encoding.UTF8.GetBytes("---\ntitle: [broken\n---\nbody\n"));

        var list = await InvokeAsync(host, r => http.ListPosts(r, default), "posts", "?sort=oldest&limit=10");
        Assert.Equal(200, list.Status);
        Assert.Equal(2, JsonDocument.Parse(list.Body).RootElement.GetProperty("items").GetArrayLength());
        Assert.False(string.IsNullOrEmpty(list.Headers.ETag));

        var post = await InvokeAsync(host, r => http.GetPost(r, "thread_0311", default), "posts/thread_0311");
        Assert.Equal(200, post.Status);
        Assert.Equal("thread_0311", JsonDocument.Parse(post.Body).RootElement.GetProperty("id").GetString());
        Assert.Equal(404, (await InvokeAsync(host, r => http.GetPost(r, "nothing", default), "posts/nothing")).Status);

        var themes = JsonDocument.Parse((await InvokeAsync(host, r => http.ListThemes(r, default), "themes")).Body).RootElement.GetProperty("items");
        Assert.Contains(themes.EnumerateArray(), t => t.GetProperty("slug").GetString() == "labor-history");
        Assert.Equal(200, (await InvokeAsync(host, r => http.GetTheme(r, "labor-history", default), "themes/labor-history")).Status);

        var reading = JsonDocument.Parse((await InvokeAsync(host, r => http.GetReadingTime(r, default), "reading-time")).Body).RootElement;
        Assert.Equal(2, reading.GetProperty("posts").GetInt32());

        var health = JsonDocument.Parse((await InvokeAsync(host, r => http.GetHealth(r, default), "health")).Body).RootElement;
        Assert.Equal(2, health.GetProperty("posts").GetInt32());
        Assert.Equal(200, (await InvokeAsync(host, r => http.GetOpenApi(r, default), "openapi.json")).Status);

        var changes = JsonDocument.Parse((await InvokeAsync(host, r => http.ListChanges(r, default), "changes")).Body).RootElement;
        Assert.Equal(2, changes.GetProperty("items").GetArrayLength());
        Assert.False(changes.GetProperty("hasMore").GetBoolean());
        var feed = JsonDocument.Parse((await InvokeAsync(host, r => http.GetJsonFeed(r, default), "feed.json")).Body).RootElement;
        Assert.Equal(["other", "thread_0311"], feed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        var atom = await InvokeAsync(host, r => http.GetAtomFeed(r, default), "feed.xml", "?theme=labor-history");
        Assert.Equal(200, atom.Status);
        Assert.Contains("<id>tag:", atom.Body, StringComparison.Ordinal);
        Assert.Equal(200, (await InvokeAsync(host, r => http.ListTags(r, default), "tags")).Status);
        var found = JsonDocument.Parse((await InvokeAsync(host, r => http.Search(r, default), "search", "?q=pacts")).Body).RootElement;
        Assert.Equal("thread_0311", found.GetProperty("items")[0].GetProperty("post").GetProperty("id").GetString());
        Assert.Equal(200, (await InvokeAsync(host, r => http.GetRelated(r, "thread_0311", default), "posts/thread_0311/related")).Status);
        var suggestions = JsonDocument.Parse((await InvokeAsync(host, r => http.GetThemeSuggestions(r, default), "admin/theme-suggestions")).Body).RootElement;
        Assert.Equal("thread_0311", suggestions.GetProperty("items")[0].GetProperty("post").GetProperty("id").GetString());

        var state = await InvokeAsync(host, r => http.GetBlobState(r, "thread_0311.md", default), "admin/blobs/thread_0311.md");
        Assert.Equal("served", JsonDocument.Parse(state.Body).RootElement.GetProperty("state").GetString());

        var rejections = await InvokeAsync(host, r => http.ListRejections(r, default), "admin/rejections");
        Assert.Contains("broken.md", rejections.Body, StringComparison.Ordinal);
        var reindex = await InvokeAsync(host, r => http.Reindex(r, default), "admin/reindex", method: "POST");
        Assert.Equal(200, reindex.Status);
        Assert.Equal(1, JsonDocument.Parse(reindex.Body).RootElement.GetProperty("rejected").GetInt32());

        Assert.Equal(400, (await InvokeAsync(host, r => http.ListPosts(r, default), "posts", "?limit=0")).Status);
    }

    [Fact]
    public async Task Every_page_function_answers_from_the_app_s_own_services()
    {
        var pages = host.Create<PageFunctions>();
        var sample = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "content", "thread_0311.md"));
        await UploadAndTriggerAsync("thread_0311.md", sample);

        var home = await InvokeAsync(host, r => pages.Home(r, default), "/");
        Assert.Equal((200, "text/html"), (home.Status, home.ContentType));
        Assert.Contains("/posts/thread_0311/non-aggression-pacts", home.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", home.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);

        var moved = await InvokeAsync(host, r => pages.Post(r, "thread_0311", null, default), "/posts/thread_0311");
        Assert.Equal((301, "/posts/thread_0311/non-aggression-pacts"), (moved.Status, moved.Headers.Location.ToString()));
        var post = await InvokeAsync(host, r => pages.Post(r, "thread_0311", "non-aggression-pacts", default), "/posts/thread_0311/non-aggression-pacts");
        Assert.Equal(200, post.Status);
        Assert.Contains("<link rel=\"canonical\" href=\"http://localhost:7071/posts/thread_0311/non-aggression-pacts\"", post.Body, StringComparison.Ordinal);
        Assert.Contains("\"@type\":\"BlogPosting\"", post.Body, StringComparison.Ordinal);

        Assert.Equal(200, (await InvokeAsync(host, r => pages.Themes(r, default), "/themes")).Status);
        Assert.Equal(200, (await InvokeAsync(host, r => pages.Theme(r, "uncategorized", default), "/themes/uncategorized")).Status);
        Assert.Equal(200, (await InvokeAsync(host, r => pages.ReadingTime(r, default), "/reading-time")).Status);
        Assert.Equal(200, (await InvokeAsync(host, r => pages.Search(r, default), "/search", "?q=pacts")).Status);
        Assert.Contains("http://localhost:7071/posts/thread_0311/non-aggression-pacts", (await InvokeAsync(host, r => pages.Sitemap(r, default), "/sitemap.xml")).Body, StringComparison.Ordinal);
        Assert.Contains("Sitemap: http://localhost:7071/sitemap.xml", (await InvokeAsync(host, r => pages.Robots(r, default), "/robots.txt")).Body, StringComparison.Ordinal);
        Assert.Equal("text/javascript", (await InvokeAsync(host, r => pages.Asset(r, "app.js", default), "/assets/app.js")).ContentType);
        Assert.Equal("image/png", (await InvokeAsync(host, r => pages.ShareImage(r, default), "/share.png")).ContentType);
        var missing = await InvokeAsync(host, r => pages.NotFound(r, default), "/no/such/page");
        Assert.Equal((404, "text/html"), (missing.Status, missing.ContentType));
        var api = await InvokeAsync(host, r => pages.ApiNotFound(r, default), "/api/no-such-route");
        Assert.Equal((404, "application/problem+json"), (api.Status, api.ContentType));
    }

    [Fact]
    public async Task Blob_triggers_take_a_client_and_the_blob_is_downloaded_once()
    {
        await host.Store.Posts.GetBlobClient("one.md").UploadAsync(BinaryData.FromString(Posts.Make("one", "One")));
        var requests = host.Services.GetRequiredService<StorageRequestCounter>();
        requests.Reset();
        await ingestion.IngestFromPolling(host.Store.Posts.GetBlobClient("one.md"), default);
        Assert.Equal(1, requests.ByKind["GET blob"]);
        Assert.NotNull(await host.Store.FindAsync<PostEntity>(RowKeys.Post("one"), default));

        await host.Store.Posts.GetBlobClient("one.md").UploadAsync(BinaryData.FromString(Posts.Make("one", "One, again")), overwrite: true);
        await ingestion.IngestFromEventGrid(host.Store.Posts.GetBlobClient("one.md"), default);
        Assert.Contains("One, again", (await host.Store.FindAsync<PostEntity>(RowKeys.Post("one"), default))!.SummaryJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Images_come_by_the_blob_trigger_are_served_by_their_function_and_a_deletion_event_renders_their_posts_again()
    {
        await UploadAndTriggerAsync("fn/plan.png", TestImages.Png(1000, 500));
        await UploadAndTriggerAsync("fn/plan.md", Encoding.UTF8.GetBytes("---\ntitle: Plan\nthread_id: fn_plan\n---\n\n![the plan](plan.png)\n"));
        var post = JsonDocument.Parse((await InvokeAsync(host, r => http.GetPost(r, "fn_plan", default), "posts/fn_plan")).Body).RootElement;
        var url = new Uri(post.GetProperty("media")[0].GetProperty("url").GetString()!);
        Assert.Equal("http://localhost:7071/api/media/fn/plan.png", url.GetLeftPart(UriPartial.Path));

        var image = await InvokeAsync(host, r => http.GetMedia(r, "fn/plan.png", default), "media/fn/plan.png", url.Query);
        Assert.Equal((200, "image/png"), (image.Status, image.ContentType));
        Assert.Contains("immutable", image.Headers.CacheControl.ToString(), StringComparison.Ordinal);
        var variant = await InvokeAsync(host, r => http.GetMedia(r, "fn/plan.png", default), "media/fn/plan.png", url.Query + "&w=960");
        Assert.Equal((200, "image/webp"), (variant.Status, variant.ContentType));

        // In Azure a deletion comes as a BlobDeleted event: the post that showed the image shows its alt text.
        await host.Store.Posts.DeleteBlobAsync("fn/plan.png");
        await ingestion.IngestBlobEvent(BlobEvent("Microsoft.Storage.BlobDeleted", host.Store.Posts.GetBlobClient("fn/plan.png").Uri), default);
        var after = JsonDocument.Parse((await InvokeAsync(host, r => http.GetPost(r, "fn_plan", default), "posts/fn_plan")).Body).RootElement;
        Assert.Equal(0, after.GetProperty("media").GetArrayLength());
        Assert.Contains("image 'fn/plan.png' does not exist; its alt text is shown instead", after.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        Assert.Equal(404, (await InvokeAsync(host, r => http.GetMedia(r, "fn/plan.png", default), "media/fn/plan.png")).Status);
    }

    [Fact]
    public async Task A_BlobDeleted_event_from_the_queue_takes_the_post_out_at_once()
    {
        await UploadAndTriggerAsync("gone.md", Encoding.UTF8.GetBytes(Posts.Make("gone", "Gone")));
        await UploadAndTriggerAsync("stays.md", Encoding.UTF8.GetBytes(Posts.Make("stays", "Stays")));
        await host.Store.Posts.DeleteBlobAsync("gone.md");

        // As the Event Grid subscription delivers it: a BlobDeleted event on the queue (Base64, as it writes them).
        var queue = new QueueClient(azurite.ConnectionString, FunctionsApp.EventsQueue(host.Configuration));
        await queue.SendMessageAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(BlobEvent("Microsoft.Storage.BlobDeleted", host.Store.Posts.GetBlobClient("gone.md").Uri))));
        var message = (await queue.ReceiveMessageAsync()).Value;
        await ingestion.IngestBlobEvent(message.Body.ToString(), default);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);

        Assert.Null(await host.Store.FindAsync<PostEntity>(RowKeys.Post("gone"), default));
        Assert.NotNull(await host.Store.FindAsync<PostEntity>(RowKeys.Post("stays"), default));
        Assert.Equal(404, (await InvokeAsync(host, r => http.GetPost(r, "gone", default), "posts/gone")).Status);
        Assert.Equal(1, JsonDocument.Parse((await InvokeAsync(host, r => http.GetHealth(r, default), "health")).Body).RootElement.GetProperty("posts").GetInt32());

        // Late or repeated events change nothing: the blob is brought in line with what is there now.
        await ingestion.IngestBlobEvent(BlobEvent("Microsoft.Storage.BlobDeleted", host.Store.Posts.GetBlobClient("stays.md").Uri), default);
        Assert.NotNull(await host.Store.FindAsync<PostEntity>(RowKeys.Post("stays"), default));

        // Another container's blob is not a post; a message that is no event goes to the poison queue (the function throws).
        var elsewhere = new Uri(host.Store.Posts.Uri.ToString().Replace(host.Store.Posts.Name, "elsewhere", StringComparison.Ordinal) + "/stays.md");
        await ingestion.IngestBlobEvent(BlobEvent("Microsoft.Storage.BlobDeleted", elsewhere), default);
        Assert.NotNull(await host.Store.FindAsync<PostEntity>(RowKeys.Post("stays"), default));
        await Assert.ThrowsAsync<FormatException>(() => ingestion.IngestBlobEvent("{\"not\": \"an event\"", default));

        // JSON that is not an event object: the SDK's parsers would read it as no events, and it would complete as processed.
        foreach (var notAnEvent in new[] { "12345", "null", "\"text\"", "[]", "[1, 2]", "true" })
        {
            await Assert.ThrowsAsync<FormatException>(() => ingestion.IngestBlobEvent(notAnEvent, default));
        }
    }

    [Fact]
    public async Task CloudEvents_batches_are_read_too()
    {
        await UploadAndTriggerAsync("a.md", Encoding.UTF8.GetBytes(Posts.Make("a", "A")));
        await UploadAndTriggerAsync("b.md", Encoding.UTF8.GetBytes(Posts.Make("b", "B")));
        await host.Store.Posts.DeleteBlobAsync("a.md");
        await host.Store.Posts.DeleteBlobAsync("b.md");
        var events = new[] { "a.md", "b.md" }.Select(name => new
        {
            specversion = "1.0",
            type = "Microsoft.Storage.BlobDeleted",
            source = "/subscriptions/x/resourceGroups/y/providers/Microsoft.Storage/storageAccounts/z",
            id = Guid.NewGuid().ToString(),
            time = DateTimeOffset.UtcNow,
            subject = $"/blobServices/default/containers/{host.Store.Posts.Name}/blobs/{name}",
            data = new { api = "DeleteBlob", url = host.Store.Posts.GetBlobClient(name).Uri.ToString(), blobType = "BlockBlob" },
        });
        await ingestion.IngestBlobEvent(JsonSerializer.Serialize(events), default);
        Assert.Equal(0, JsonDocument.Parse((await InvokeAsync(host, r => http.GetHealth(r, default), "health")).Body).RootElement.GetProperty("posts").GetInt32());
    }

    [Fact]
    public async Task Under_Core_Tools_the_watch_timer_finds_what_the_polling_trigger_missed_within_one_step()
    {
        await UploadAndTriggerAsync("seen.md", Encoding.UTF8.GetBytes(Posts.Make("seen", "Seen")));
        await ingestion.WatchPosts(new TimerInfo(), default);

        // An upload no trigger fired for, and a deletion: the next step (seconds later) takes both in.
        await host.Store.Posts.GetBlobClient("missed.md").UploadAsync(BinaryData.FromString(Posts.Make("missed", "Missed")));
        await host.Store.Posts.DeleteBlobAsync("seen.md");
        await ingestion.WatchPosts(new TimerInfo(), default);
        Assert.NotNull(await host.Store.FindAsync<PostEntity>(RowKeys.Post("missed"), default));
        Assert.Null(await host.Store.FindAsync<PostEntity>(RowKeys.Post("seen"), default));

        // When nothing changed a step is one listing.
        var counter = host.Services.GetRequiredService<StorageRequestCounter>();
        var before = counter.Total;
        await ingestion.WatchPosts(new TimerInfo(), default);
        Assert.Equal(1, counter.Total - before);
    }

    [Fact]
    public async Task The_timer_reconciles_what_no_event_reported()
    {
        await UploadAndTriggerAsync("kept.md", Encoding.UTF8.GetBytes(Posts.Make("kept", "Kept")));
        await UploadAndTriggerAsync("silent.md", Encoding.UTF8.GetBytes(Posts.Make("silent", "Silent")));
        await host.Store.Posts.DeleteBlobAsync("silent.md");
        await host.Store.Posts.GetBlobClient("missed.md").UploadAsync(BinaryData.FromString(Posts.Make("missed", "Missed")));

        await ingestion.Reconcile(new TimerInfo(), default);

        Assert.Null(await host.Store.FindAsync<PostEntity>(RowKeys.Post("silent"), default));
        Assert.NotNull(await host.Store.FindAsync<PostEntity>(RowKeys.Post("missed"), default));
        Assert.Equal(2, JsonDocument.Parse((await InvokeAsync(host, r => http.GetHealth(r, default), "health")).Body).RootElement.GetProperty("posts").GetInt32());
    }

    [Fact]
    public async Task Ingests_are_measured_with_their_outcome()
    {
        var measured = new List<(string Instrument, string? Outcome, string? Path)>();
        using var listener = new MeterListener();
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Meter.Name == IngestMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? outcome = null;
            string? path = null;
            foreach (var tag in tags)
            {
                outcome = tag.Key == "outcome" ? tag.Value as string : outcome;
                path = tag.Key == "path" ? tag.Value as string : path;
            }

            lock (measured)
            {
                measured.Add((instrument.Name, outcome, path));
            }
        }

        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => Record(instrument, tags));
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => Record(instrument, tags));
        listener.Start();

        await UploadAndTriggerAsync("m.md", Encoding.UTF8.GetBytes(Posts.Make("m", "M")));
        await UploadAndTriggerAsync("bad.md", Encoding.UTF8.GetBytes("---\ntitle: [broken\n---\n"));
        await host.Store.Posts.DeleteBlobAsync("m.md");
        await ingestion.IngestBlobEvent(BlobEvent("Microsoft.Storage.BlobDeleted", host.Store.Posts.GetBlobClient("m.md").Uri), default);

        Assert.Equal(["added", "rejected", "removed"], measured.Where(m => m.Instrument == "archive.ingest.blobs").Select(m => m.Outcome));
        Assert.All(measured.Where(m => m.Instrument == "archive.ingest.blobs"), m => Assert.Equal("single", m.Path));
        Assert.Equal(3, measured.Count(m => m.Instrument == "archive.ingest.duration"));

        // What the timer does is measured once, as a reconcile (rejections are looked at again: an id's owner may have left).
        measured.Clear();
        await host.Store.Posts.GetBlobClient("late.md").UploadAsync(BinaryData.FromString(Posts.Make("late", "Late")));
        await ingestion.Reconcile(new TimerInfo(), default);
        Assert.Equal(
            [("archive.ingest.blobs", "added", "reconcile"), ("archive.ingest.blobs", "rejected", "reconcile")],
            measured.Where(m => m.Instrument == "archive.ingest.blobs").OrderBy(m => m.Outcome, StringComparer.Ordinal));
    }

    [Fact]
    public async Task With_an_Application_Insights_connection_the_ingestion_meter_is_exported_signed_by_the_app_s_identity()
    {
        Assert.Null(host.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
        await using var monitored = await FunctionsHost.StartAsync(azurite.ConnectionString, "f" + Guid.NewGuid().ToString("N")[..12], start: false, new Dictionary<string, string?>
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/",
        });
        Assert.NotNull(monitored.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
        Assert.Equal("abc-123", FunctionsApp.IdentityClientId("ClientId=abc-123;Authorization=AAD"));
        Assert.Null(FunctionsApp.IdentityClientId("Authorization=AAD"));
    }

    private async Task UploadAndTriggerAsync(string name, byte[] bytes)
    {
        await host.Store.Posts.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(bytes), overwrite: true);
        await ingestion.IngestFromEventGrid(host.Store.Posts.GetBlobClient(name), default);
    }

    /// <summary>A blob event in the Event Grid schema, as a system topic on a storage account sends it.</summary>
    private static string BlobEvent(string type, Uri blob) => JsonSerializer.Serialize(new[]
    {
        new
        {
            id = Guid.NewGuid().ToString(),
            topic = "/subscriptions/x/resourceGroups/y/providers/Microsoft.Storage/storageAccounts/z",
            subject = "/blobServices/default/containers/posts/blobs/some.md",
            eventType = type,
            eventTime = DateTimeOffset.UtcNow,
            dataVersion = string.Empty,
            metadataVersion = "1",
            data = new { api = "DeleteBlob", url = blob.ToString(), blobType = "BlockBlob" },
        },
    });

    /// <summary>Runs an HTTP function as the Functions host's ASP.NET Core integration does: a real HttpContext, the result executed into it.</summary>
    [Fact]
    public async Task The_Azure_SDK_logs_no_request_lines_unless_its_level_is_asked_for()
    {
        var lines = new List<(int Requests, int SdkLines)>();
        foreach (var asked in new[] { false, true })
        {
            var sink = new LineCounter();
            var settings = asked ? new Dictionary<string, string?> { [StorageServiceCollectionExtensions.SdkLogLevelSetting] = "Information" } : null;
            await using var app = await FunctionsHost.StartAsync(azurite.ConnectionString, "l" + Guid.NewGuid().ToString("N")[..12], settings: settings, logging: builder =>
            {
                // As the worker's own configuration section would set it when the setting is there.
                builder.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Information).AddProvider(sink);
                if (asked)
                {
                    builder.AddFilter("Azure", Microsoft.Extensions.Logging.LogLevel.Information);
                }
            });
            var functions = app.Create<HttpFunctions>();
            var counter = app.Services.GetRequiredService<StorageRequestCounter>();
            var before = (counter.Total, sink.Sdk);
            for (var i = 0; i < 20; i++)
            {
                Assert.Equal(200, (await InvokeAsync(app, r => functions.GetHealth(r, default), "health")).Status);
            }

            lines.Add((counter.Total - before.Total, sink.Sdk - before.Sdk));
        }

        Assert.All(lines, l => Assert.True(l.Requests >= 20, $"{l.Requests} storage requests"));
        Assert.Equal(0, lines[0].SdkLines);
        Assert.True(lines[1].SdkLines >= lines[1].Requests, $"{lines[1].SdkLines} lines for {lines[1].Requests} requests when asked");
    }

    /// <summary>Counts the lines below Warning logged under the Azure SDK's categories (Azure.Core, Azure.Storage.*, Azure.Data.Tables): its request and response lines.</summary>
    private sealed class LineCounter : Microsoft.Extensions.Logging.ILoggerProvider
    {
        private int sdk;

        public int Sdk => Volatile.Read(ref sdk);

        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Lines(this, categoryName.StartsWith("Azure", StringComparison.Ordinal));

        public void Dispose()
        {
        }

        private sealed class Lines(LineCounter counter, bool sdk) : Microsoft.Extensions.Logging.ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

            public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (sdk && logLevel < Microsoft.Extensions.Logging.LogLevel.Warning)
                {
                    Interlocked.Increment(ref counter.sdk);
                }
            }
        }
    }

    private static async Task<(int Status, string? ContentType, string Body, IHeaderDictionary Headers)> InvokeAsync(
        FunctionsHost on, Func<HttpRequest, Task<IActionResult>> function, string path, string query = "", string method = "GET")
    {
        var context = new DefaultHttpContext { RequestServices = on.Services };
        context.Request.Method = method;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost", 7071);
        // A path from the site's root (a page, §12), or one below /api.
        var full = path.StartsWith('/') ? path : "/api/" + path;
        context.Request.Path = full;
        context.Request.QueryString = new QueryString(query);
        using var body = new MemoryStream();
        context.Response.Body = body;
        var result = await function(context.Request);
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        ContractChecks.Check(method, full, context.Response.StatusCode, context.Response.ContentType, context.Response.Headers.ContentEncoding.FirstOrDefault(), body.ToArray());
        return (context.Response.StatusCode, context.Response.ContentType?.Split(';')[0], Encoding.UTF8.GetString(body.ToArray()), context.Response.Headers);
    }
}
