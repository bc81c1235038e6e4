using System.Text.Json;
using Archive.Api.Routing;
using Archive.Pages;

namespace Archive.Integration.Tests;

/// <summary>The Functions app's generated functions.metadata lists every function, and its HTTP routes are the route table's (under api/) and the pages'.</summary>
public sealed class FunctionMetadataTests
{
    [Fact]
    public void Every_route_of_the_table_is_an_http_function_with_its_route_methods_and_level()
    {
        var http = FunctionsMetadata.Functions().Where(f => FunctionsMetadata.Trigger(f).GetProperty("type").GetString() == "httpTrigger")
            .ToDictionary(f => f.GetProperty("name").GetString()!, FunctionsMetadata.Trigger);
        Assert.Equal(RouteTable.All.Select(r => r.Name).Concat(PageRoutes.All.Select(r => r.Name)).Order(), http.Keys.Order());
        foreach (var route in RouteTable.All)
        {
            var trigger = http[route.Name];
            Assert.Equal(Routes.Api + route.Template, trigger.GetProperty("route").GetString());
            string[] methods = route.Method == "GET" ? ["get", "head"] : [route.Method.ToLowerInvariant()];
            Assert.Equal(methods, trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
            Assert.Equal(route.Admin ? "Function" : "Anonymous", trigger.GetProperty("authLevel").GetString());
        }

        foreach (var route in PageRoutes.All)
        {
            var trigger = http[route.Name];
            Assert.Equal(route.Template, trigger.GetProperty("route").GetString());
            Assert.Equal(["get", "head"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
            Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
        }
    }

    [Fact]
    public void Routes_from_the_root_leave_the_hosts_own_paths_alone_and_host_json_serves_from_the_root()
    {
        Assert.All(PageRoutes.All.Where(r => r.Name != PageRoutes.ApiNotFoundName), r =>
            Assert.DoesNotMatch("^(api|admin|runtime)(/|$)", r.Template));
        var catchAll = new System.Text.RegularExpressions.Regex(PageRoutes.NotFound.Split(':', 2)[1].Split(")}", 2)[0]["regex(".Length..], System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        Assert.All(new[] { "api", "admin", "runtime" }, segment => Assert.DoesNotMatch(catchAll, segment));
        Assert.Matches(catchAll, "posts");
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")));
        Assert.Equal(string.Empty, host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    [Fact]
    public void Blob_triggers_watch_the_posts_container_the_queue_takes_blob_events_and_the_timer_reconciles()
    {
        var functions = FunctionsMetadata.Functions().ToDictionary(f => f.GetProperty("name").GetString()!, FunctionsMetadata.Trigger);
        Assert.Equal("blobTrigger", functions["IngestPostEventGrid"].GetProperty("type").GetString());
        Assert.Equal("EventGrid", functions["IngestPostEventGrid"].GetProperty("source").GetString());
        Assert.Equal("blobTrigger", functions["IngestPostPolling"].GetProperty("type").GetString());
        Assert.Equal("LogsAndContainerScan", functions["IngestPostPolling"].GetProperty("source").GetString());
        Assert.All(new[] { "IngestPostEventGrid", "IngestPostPolling" }, name =>
        {
            Assert.Equal("%Archive:PostsContainer%/{name}", functions[name].GetProperty("path").GetString());
            // Bound to a BlobClient: the host passes a reference, not the bytes, and the ingestor downloads once.
            Assert.Equal("True", functions[name].GetProperty("properties").GetProperty("supportsDeferredBinding").GetString());
        });
        Assert.Equal("timerTrigger", functions["Reconcile"].GetProperty("type").GetString());
        Assert.Equal("%Archive:ReconcileSchedule%", functions["Reconcile"].GetProperty("schedule").GetString());
        Assert.Equal("queueTrigger", functions["IngestBlobEvent"].GetProperty("type").GetString());
        Assert.Equal("%Archive:BlobEventsQueue%", functions["IngestBlobEvent"].GetProperty("queueName").GetString());
        Assert.Equal("timerTrigger", functions["WatchPosts"].GetProperty("type").GetString());
        Assert.Equal("%Archive:WatchSchedule%", functions["WatchPosts"].GetProperty("schedule").GetString());
        Assert.Equal(RouteTable.All.Count + PageRoutes.All.Count + 5, functions.Count);
    }

    [Fact]
    public void Host_json_polls_the_blob_events_queue_every_2_seconds_at_most_and_keeps_the_SDK_s_request_lines_out_of_the_logs()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")));
        // The host's default backs an idle queue off to a minute: a BlobDeleted event then waited 44 s.
        var polling = TimeSpan.Parse(host.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("maxPollingInterval").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(polling, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2));
        Assert.Equal("Warning", host.RootElement.GetProperty("logging").GetProperty("logLevel").GetProperty("Azure").GetString());
    }

    [Fact]
    public void No_function_route_starts_with_the_reserved_word_admin() =>
        Assert.All(RouteTable.All, r => Assert.False(r.Template.StartsWith("admin", StringComparison.OrdinalIgnoreCase), r.Template));
}
