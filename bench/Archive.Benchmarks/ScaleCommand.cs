using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Archive.Api;
using Archive.Api.Endpoints;
using Archive.Api.Routing;
using Archive.Storage;
using Archive.Storage.Ingestion;
using Archive.Storage.Reading;
using Archive.Storage.Throttling;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Archive.Benchmarks;

/// <summary>
/// Scale-out, modelled: N instances of the read path (each its own services: catalog, read cache,
/// health probe; no search index) serve a steady request rate against one Azurite while a writer
/// uploads a post every second, and Azure's throttling is modelled by one <see cref="PartitionThrottle"/>
/// on every client, 2,000 entities/s per partition. Prints, per N, the entities read per second of
/// the busiest partition (counted by the policy), the answers with 5xx and the worst staleness
/// (from a change's commit to the last instance serving it), the median of the runs, and the
/// storage requests and entities of one cold start at the corpus's size (the instances run on an
/// archive of their own, smaller: see <see cref="RunAsync"/>); the last line is the issue's, and
/// the exit code is 1 when a target is missed.
/// </summary>
public static class ScaleCommand
{
    private const int Budget = 2000;
    private const double RequestsPerInstancePerSecond = 2;
    private static readonly TimeSpan Measured = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan LongestDrain = TimeSpan.FromSeconds(15);

    private static readonly ApiRoute[] Mix =
    [
        RouteTable.Named(FunctionNames.ListPosts), RouteTable.Named(FunctionNames.ListThemes),
        RouteTable.Named(FunctionNames.GetReadingTime), RouteTable.Named(FunctionNames.GetHealth), RouteTable.Named(FunctionNames.GetPost),
    ];

    public static async Task<int> RunAsync(string connection, string folder, IReadOnlyList<int> counts, int runs, int runPosts)
    {
        var files = Directory.GetFiles(folder, "*.md").Order(StringComparer.Ordinal).ToList();
        var throttle = new PartitionThrottle(TimeProvider.System);

        // The cold start, on the whole corpus.
        var large = new Names("scale", "scale-content", "scale");
        var (largeWriter, largeStore, largeSeeded) = await SeededAsync(connection, large, files, throttle);
        await using var largeOwner = largeWriter;

        // The old design's freshness read, counted: every totals row, once per half second per instance and once a second per health probe.
        throttle.Reset();
        await largeStore.ReadTotalsAsync(CancellationToken.None);
        var oldRead = throttle.Loads.Values.Sum(l => l.Read);

        // The first instance reads every post and, having read more than 1,000, saves the catalog for the next.
        await using (var first = Build(connection, large, throttle, api: true))
        {
            await first.GetRequiredService<ReadCache>().TotalsAsync(CancellationToken.None);
            var saved = largeStore.Content.GetBlobClient(CatalogSnapshot.BlobName);
            while (!(await saved.ExistsAsync()).Value)
            {
                await Task.Delay(200);
            }
        }

        var extra = (int)(largeSeeded - files.Count);
        await UploadAsync(largeStore, largeWriter, $"scale-{extra}", extra);
        var (coldRequests, coldEntities) = await ColdStartAsync(connection, large, throttle);
        Console.WriteLine($"cold start at {largeSeeded + 1} posts: {coldRequests} storage requests, {coldEntities} entities (the old design: {1 + (largeSeeded + 1 + 999) / 1000} requests, {oldRead + largeSeeded + 1} entities)");

        // The instances run against an archive of their own of runPosts posts. Azurite runs each table
        // operation over the whole partition (its cost grows with the partition, where Azure's keyed
        // reads do not): at 10,000 posts its single process, not the design, would set the pace. What
        // an instance reads does not depend on the archive's size (StorageLoadTests).
        var runFiles = files.Take(runPosts).ToList();
        var small = new Names("scaleruns", "scaleruns-content", "scaleruns");
        var (writer, store, seeded) = await SeededAsync(connection, small, runFiles, throttle);
        await using var owner = writer;
        var (largeRead, smallRead) = (await ReadMillisecondsAsync(largeStore), await ReadMillisecondsAsync(store));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Azurite, one version-row read: median {largeRead:F1} ms at {largeSeeded + 1} posts, {smallRead:F1} ms at {seeded} posts (the runs')"));
        var ids = runFiles.Select(f => Path.GetFileNameWithoutExtension(f)).ToArray();

        throttle.EntitiesPerSecond = Budget;
        var uploaded = (int)(seeded - runFiles.Count);
        var results = new Dictionary<int, List<RunResult>>();
        foreach (var n in counts)
        {
            results[n] = [];
            for (var run = 1; run <= runs; run++)
            {
                var result = await RunOnceAsync(connection, small, throttle, store, writer, n, ids, uploaded);
                uploaded += result.Changes;
                results[n].Add(result);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"N={n} run {run}: {result.EntitiesPerSecond:F0} entities/s in the busiest partition (busiest second {result.BusiestSecond}), {result.Requests} requests, {result.ServerErrors} 5xx, {result.Refused} refused by the model, worst staleness {result.Staleness:F1} s; load {File.ReadAllText("/proc/loadavg").Trim()}"));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"| N | entities/s per partition, before (the old read, {oldRead} entities, counted × schedule) | after (median of {runs}) | 5xx | worst staleness s |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var (n, list) in results)
        {
            var before = n * 3.0 * oldRead;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {n} | {before:F0} | {Median(list.Select(r => r.EntitiesPerSecond)):F0} | {list.Sum(r => r.ServerErrors)} | {list.Max(r => r.Staleness):F1} |"));
        }

        Console.WriteLine();
        var last = results[counts[^1]];
        var x = Median(last.Select(r => r.EntitiesPerSecond));
        var z = last.Sum(r => r.ServerErrors);
        var w = last.Max(r => r.Staleness);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scale: N={counts[^1]} entities/s per partition {x:F0}; cold start requests {coldRequests}; 5xx {z}; staleness s {w:F1}"));
        var missed = new List<string>();
        if (x > 1000) missed.Add($"{x:F0} entities/s per partition > 1,000");
        if (coldRequests > 5) missed.Add($"cold start {coldRequests} requests > 5");
        if (z > 0) missed.Add($"{z} answers with 5xx");
        if (w > 10) missed.Add($"staleness {w:F1} s > 10");
        if (counts[^1] < 100) missed.Add($"measured up to N={counts[^1]}, fewer instances than the target's 100");
        if (missed.Count > 0)
        {
            Console.Error.WriteLine("scale: FAILED: " + string.Join("; ", missed));
            return 1;
        }

        return 0;
    }

    /// <summary>An archive of <paramref name="files"/>, seeded once per Azurite folder (scale.sh keeps it): a later run starts from what the last one left.</summary>
    private static async Task<(ServiceProvider Writer, ArchiveStore Store, long Posts)> SeededAsync(string connection, Names names, List<string> files, PartitionThrottle throttle)
    {
        var writer = Build(connection, names, throttle, api: false);
        var store = writer.GetRequiredService<ArchiveStore>();
        await store.EnsureCreatedAsync(CancellationToken.None);
        var posts = (await store.ReadTotalsAsync(CancellationToken.None)).Global.Posts;
        if (posts < files.Count)
        {
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (file, ct) =>
                await store.Posts.GetBlobClient(Path.GetFileName(file)).UploadAsync(BinaryData.FromBytes(await File.ReadAllBytesAsync(file, ct)), overwrite: true, ct));
            await writer.GetRequiredService<Reconciler>().ReconcileAsync(recomputeTotals: false, CancellationToken.None);
            posts = (await store.ReadTotalsAsync(CancellationToken.None)).Global.Posts;
            Console.WriteLine($"seeded {posts} posts in {clock.Elapsed.TotalSeconds:F0} s");
        }

        return (writer, store, posts);
    }

    private static async Task<double> ReadMillisecondsAsync(ArchiveStore store)
    {
        var times = new List<double>();
        for (var i = 0; i < 21; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await store.ReadVersionAsync(CancellationToken.None);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return Median(times);
    }

    private static async Task<(int Requests, long Entities)> ColdStartAsync(string connection, Names names, PartitionThrottle throttle)
    {
        await using var cold = Build(connection, names, throttle, api: true);
        throttle.Reset();
        var counter = cold.GetRequiredService<StorageRequestCounter>();
        counter.Reset();
        var status = await RequestAsync(cold, RouteTable.Named(FunctionNames.ListPosts), null);
        if (status != 200)
        {
            throw new InvalidOperationException($"the cold instance's first list answered {status}");
        }

        return (counter.Total, throttle.Loads.Values.Sum(l => l.Read));
    }

    private static async Task<RunResult> RunOnceAsync(
        string connection, Names names, PartitionThrottle throttle, ArchiveStore store, ServiceProvider writer, int n, string[] ids, int uploaded)
    {
        var instances = new ServiceProvider[n];
        try
        {
            // Started a few at a time, as a scale-out adds them; each starts from the saved catalog.
            await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
            {
                instances[i] = Build(connection, names, throttle, api: true);
                while (true)
                {
                    try
                    {
                        await instances[i].GetRequiredService<ReadCache>().TotalsAsync(ct);
                        break;
                    }
                    catch (Exception error) when (StorageFailure.Is(error))
                    {
                        await Task.Delay(500, ct);
                    }
                }
            });

            var seen = new long[n];
            var changes = new ConcurrentQueue<(long Posts, long CommittedAt)>();
            var staleness = 0.0;
            long requests = 0, serverErrors = 0;
            using var stop = new CancellationTokenSource();
            var posts = (await store.ReadTotalsAsync(CancellationToken.None)).Global.Posts;
            throttle.Reset();
            var clock = Stopwatch.StartNew();
            var serving = Enumerable.Range(0, n).Select(i => Task.Run(async () =>
            {
                var period = TimeSpan.FromSeconds(1 / RequestsPerInstancePerSecond);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * period.TotalMilliseconds));
                while (!stop.IsCancellationRequested)
                {
                    var route = Mix[Random.Shared.Next(Mix.Length)];
                    var status = await RequestAsync(instances[i], route, route.Name == FunctionNames.GetPost ? ids[Random.Shared.Next(ids.Length)] : null);
                    Interlocked.Increment(ref requests);
                    if (status >= 500)
                    {
                        Interlocked.Increment(ref serverErrors);
                    }

                    // What this instance serves now (the snapshot the request was answered from).
                    try
                    {
                        var totals = await instances[i].GetRequiredService<ReadCache>().TotalsAsync(CancellationToken.None);
                        Volatile.Write(ref seen[i], Math.Max(Volatile.Read(ref seen[i]), totals.Global.Posts));
                    }
                    catch (Exception error) when (StorageFailure.Is(error))
                    {
                    }

                    await Task.Delay(period);
                }
            })).ToList();

            // The writer: a new post every second; its commit is when the ingest returns.
            var writing = Task.Run(async () =>
            {
                for (var k = 0; clock.Elapsed < Measured; k++)
                {
                    var started = clock.Elapsed;
                    await UploadAsync(store, writer, $"scale-{uploaded + k}", uploaded + k);
                    changes.Enqueue((++posts, Stopwatch.GetTimestamp()));
                    var rest = TimeSpan.FromSeconds(1) - (clock.Elapsed - started);
                    if (rest > TimeSpan.Zero)
                    {
                        await Task.Delay(rest);
                    }
                }
            });

            var pending = new List<(long Posts, long CommittedAt)>();
            var committed = 0;
            var window = (Entities: 0L, Seconds: 0.0);
            var drainUntil = TimeSpan.MaxValue;
            while (true)
            {
                while (changes.TryDequeue(out var change))
                {
                    pending.Add(change);
                    committed++;
                }

                pending.RemoveAll(change =>
                {
                    for (var j = 0; j < n; j++)
                    {
                        if (Volatile.Read(ref seen[j]) < change.Posts)
                        {
                            return false;
                        }
                    }

                    staleness = Math.Max(staleness, Stopwatch.GetElapsedTime(change.CommittedAt).TotalSeconds);
                    return true;
                });

                if (writing.IsCompleted && drainUntil == TimeSpan.MaxValue)
                {
                    await writing;
                    window = (throttle.Loads.Values.Select(l => l.Read).DefaultIfEmpty(0).Max(), clock.Elapsed.TotalSeconds);
                    drainUntil = clock.Elapsed + LongestDrain;
                }

                if (drainUntil != TimeSpan.MaxValue && (pending.Count == 0 || clock.Elapsed >= drainUntil))
                {
                    break;
                }

                await Task.Delay(20);
            }

            // A change no instance served within the drain is as stale as the run is long.
            foreach (var change in pending)
            {
                staleness = Math.Max(staleness, Stopwatch.GetElapsedTime(change.CommittedAt).TotalSeconds);
            }

            await stop.CancelAsync();
            await Task.WhenAll(serving);
            var busiest = throttle.Loads.Values.Select(l => l.BusiestSecond).DefaultIfEmpty(0).Max();
            return new RunResult(window.Entities / window.Seconds, busiest, Interlocked.Read(ref requests), Interlocked.Read(ref serverErrors), throttle.Refused, staleness, committed);
        }
        finally
        {
            foreach (var instance in instances.Where(i => i is not null))
            {
                await instance.DisposeAsync();
            }
        }
    }

    private static async Task UploadAsync(ArchiveStore store, ServiceProvider writer, string id, int k)
    {
        var text = $"---\ntitle: \"Scale {k}\"\ndate: {new DateTime(2030, 1, 1).AddHours(k):yyyy-MM-ddTHH:mm:ss}Z\ndescription: \"A post the scale benchmark writes every second.\"\nthread_id: \"{id}\"\nword_count: 6\nreading_time: 1\nprimary_theme: \"Scale\"\n---\nWritten while many instances serve.\n";
        await store.Posts.GetBlobClient(id + ".md").UploadAsync(BinaryData.FromString(text), overwrite: true);
        var result = await writer.GetRequiredService<Ingestor>().IngestAsync(id + ".md", CancellationToken.None);
        if (result.Outcome != IngestOutcome.Added)
        {
            throw new InvalidOperationException($"{id}.md: {result.Outcome} {result.Reason}");
        }
    }

    /// <summary>A request as a host would run it: the route's dispatcher, its result executed into a response; the status code.</summary>
    private static async Task<int> RequestAsync(ServiceProvider instance, ApiRoute route, string? routeValue)
    {
        var context = new DefaultHttpContext { RequestServices = instance };
        context.Request.Method = "GET";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost", 7071);
        context.Request.Path = "/api/" + route.Template.Replace("{id}", routeValue ?? string.Empty, StringComparison.Ordinal);
        context.Response.Body = Stream.Null;
        try
        {
            var result = await instance.GetRequiredService<ApiDispatcher>().InvokeAsync(route, context.Request, routeValue, CancellationToken.None);
            await result.ExecuteAsync(context);
            return context.Response.StatusCode;
        }
        catch (Exception)
        {
            // What a host answers for an exception that escaped.
            return 500;
        }
    }

    private static ServiceProvider Build(string connection, Names names, PartitionThrottle throttle, bool api)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connection,
            ["Archive:PostsContainer"] = names.Posts,
            ["Archive:ContentContainer"] = names.Content,
            ["Archive:Table"] = names.Table,
            ["Archive:ReadCacheSeconds"] = "1",
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Error))
            .AddSingleton(throttle);
        if (api)
        {
            services.AddArchive(configuration);
        }
        else
        {
            services.AddArchiveStorage(configuration);
        }

        return services.BuildServiceProvider();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed record Names(string Posts, string Content, string Table);

    private sealed record RunResult(double EntitiesPerSecond, long BusiestSecond, long Requests, long ServerErrors, long Refused, double Staleness, int Changes);
}
