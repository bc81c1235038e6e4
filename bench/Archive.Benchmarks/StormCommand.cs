using Archive.Testing;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Archive.Functions;
using Archive.Storage;
using Archive.Storage.Totals;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Benchmarks;

/// <summary>
/// A folder uploaded at once and ingested the way Azure ingests it: one blob-trigger invocation
/// per blob (the Functions class's method, on the Functions app's own service provider), P of
/// them at a time. Storage requests are counted by the client pipeline, lost races by the
/// ingestion meter; the totals are checked against a recomputation.
/// </summary>
public static class StormCommand
{
    public static async Task<int> RunAsync(string connection, string folder, IReadOnlyList<int> parallelisms)
    {
        var files = Directory.GetFiles(folder, "*.md").Order(StringComparer.Ordinal).ToList();
        var rates = new Dictionary<int, double>();
        var lines = new List<string>();
        foreach (var p in parallelisms)
        {
            var (rate, line) = await StormAsync(connection, files, p);
            rates[p] = rate;
            lines.Add(line);
            Console.WriteLine(line);
        }

        Console.WriteLine();
        foreach (var line in lines)
        {
            Console.WriteLine(line);
        }

        if (rates.Count > 1)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"storm P{parallelisms[^1]}/P{parallelisms[0]} throughput ratio: {rates[parallelisms[^1]] / rates[parallelisms[0]]:F2}"));
        }

        return 0;
    }

    private static async Task<(double Rate, string Line)> StormAsync(string connection, List<string> files, int parallelism)
    {
        var name = "storm" + Guid.NewGuid().ToString("N")[..10];
        await using var host = await FunctionsHost.StartAsync(connection, name);
        var store = host.Store;
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (file, ct) =>
            await store.Posts.GetBlobClient(Path.GetFileName(file)).UploadAsync(BinaryData.FromBytes(await File.ReadAllBytesAsync(file, ct)), overwrite: true, ct));

        var functions = host.Create<IngestionFunctions>();
        var counter = host.Services.GetRequiredService<StorageRequestCounter>();
        long lostRaces = 0;
        using var listener = new MeterListener();
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name == "archive.ingest.lost_races")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref lostRaces, value));
        listener.Start();

        counter.Reset();
        var gaveUp = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (file, ct) =>
        {
            try
            {
                await functions.IngestFromEventGrid(store.Posts.GetBlobClient(Path.GetFileName(file)), ct);
            }
            catch (InvalidOperationException)
            {
                // The ingestor gave up after every attempt lost a race: in Azure the invocation would be retried.
                Interlocked.Increment(ref gaveUp);
            }
        });
        var seconds = clock.Elapsed.TotalSeconds;
        var requests = counter.Total;
        var drift = await host.Services.GetRequiredService<TotalsRecomputer>().CountDriftAsync(CancellationToken.None);
        var served = (await store.ReadTotalsAsync(CancellationToken.None)).Global.Posts;
        await store.Table.DeleteAsync();
        await store.Posts.DeleteAsync();
        await store.Content.DeleteAsync();

        var exact = drift == 0 && served == files.Count - gaveUp ? "totals exact" : $"totals DIFFER ({drift} rows, {served} posts served)";
        var rate = files.Count / seconds;
        return (rate, string.Create(
            CultureInfo.InvariantCulture,
            $"storm P={parallelism}: {rate:F1} posts/s, {(double)requests / files.Count:F2} requests/post, {(double)lostRaces / files.Count:F2} lost races/post, {gaveUp} gave up, {exact}"));
    }
}
