using Archive.Testing;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Storage;
using Archive.Storage.Ingestion;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace Archive.Benchmarks;

/// <summary>The measuring commands the bench/ scripts call; each prints figures, one per line.</summary>
public static class Commands
{
    public static int Generate(int count, string folder, int seed, bool richVocabulary = false)
    {
        var clock = Stopwatch.StartNew();
        new CorpusGenerator(seed, richVocabulary).Write(folder, count);
        Console.WriteLine($"generated {count} posts in {folder} (seed {seed}{(richVocabulary ? ", rich vocabulary" : string.Empty)}) in {clock.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    /// <summary>Azurite's own limit on this machine: plain upserts of entities the size of a post's, 8 at a time.</summary>
    public static async Task<int> UpsertsAsync(string connection, int count)
    {
        var table = new TableServiceClient(connection).GetTableClient("plainupserts" + Environment.ProcessId);
        await table.CreateIfNotExistsAsync();
        var summary = new string('x', 1200);
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await table.UpsertEntityAsync(new TableEntity("p", $"k{i:D6}") { ["SummaryJson"] = summary, ["DateTicks"] = (long)i }, TableUpdateMode.Replace, ct));
        var seconds = clock.Elapsed.TotalSeconds;
        await table.DeleteAsync();
        Console.WriteLine($"plain upserts: {count} in {seconds:F2} s: {count / seconds:F0} upserts/s");
        return 0;
    }

    /// <summary>
    /// The floor under any ingest on this Azurite: uploading the files (8 at a time) with nothing
    /// ingesting them, then downloading them once, as an ingestor must.
    /// </summary>
    public static async Task<int> UploadsAsync(string connection, string folder)
    {
        var scratch = new BlobServiceClient(connection).GetBlobContainerClient("plainuploads" + Environment.ProcessId);
        await scratch.CreateIfNotExistsAsync();
        var files = Directory.GetFiles(folder, "*.md");
        var options = new ParallelOptions { MaxDegreeOfParallelism = 8 };
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(files, options, async (file, ct) =>
            await scratch.GetBlobClient(Path.GetFileName(file)).UploadAsync(BinaryData.FromBytes(await File.ReadAllBytesAsync(file, ct)), overwrite: true, ct));
        var uploaded = clock.Elapsed.TotalSeconds;
        clock.Restart();
        await Parallel.ForEachAsync(files, options, async (file, ct) => await scratch.GetBlobClient(Path.GetFileName(file)).DownloadContentAsync(ct));
        var downloaded = clock.Elapsed.TotalSeconds;
        await scratch.DeleteAsync();
        Console.WriteLine($"plain uploads: {files.Length} in {uploaded:F2} s: {files.Length / uploaded:F0}/s; downloads: {files.Length / downloaded:F0}/s");
        return 0;
    }

    /// <summary>Uploads a folder to a running local host's container and waits until every post is served.</summary>
    public static async Task<int> IngestAsync(string connection, string container, string folder, Uri api)
    {
        var posts = new BlobServiceClient(connection).GetBlobContainerClient(container);
        await posts.CreateIfNotExistsAsync();
        using var http = new HttpClient { BaseAddress = api };
        var before = await ServedAsync(http);
        var files = Directory.GetFiles(folder, "*.md");
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (file, ct) =>
            await posts.GetBlobClient(Path.GetFileName(file)).UploadAsync(BinaryData.FromBytes(await File.ReadAllBytesAsync(file, ct)), overwrite: true, ct));
        var uploaded = clock.Elapsed.TotalSeconds;
        var (served, progressed) = (before, Stopwatch.StartNew());
        while (served < before + files.Length)
        {
            await Task.Delay(100);
            var now = await ServedAsync(http);
            if (now > served)
            {
                (served, progressed) = (now, Stopwatch.StartNew());
            }
            else if (progressed.Elapsed > TimeSpan.FromSeconds(60))
            {
                // A benchmark that measured less than it was given says so and fails.
                await Console.Error.WriteLineAsync($"ingest: only {served - before} of {files.Length} posts were served (none more for 60 s); see /api/admin/rejections");
                return 1;
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"uploaded {files.Length} posts in {uploaded:F1} s; all served after {seconds:F1} s: {files.Length / seconds:F0} posts/s");
        return 0;
    }

    /// <summary>
    /// Uploads one post of a folder per second to a running local host's container for
    /// <paramref name="seconds"/> seconds (the "reads under writes" stage of bench/load.sh), and
    /// says how many it uploaded.
    /// </summary>
    public static async Task<int> TrickleAsync(string connection, string container, string folder, int seconds)
    {
        var posts = new BlobServiceClient(connection).GetBlobContainerClient(container);
        var files = Directory.GetFiles(folder, "*.md").Order(StringComparer.Ordinal).Take(seconds).ToList();
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1));
        foreach (var file in files)
        {
            await posts.GetBlobClient(Path.GetFileName(file)).UploadAsync(BinaryData.FromBytes(await File.ReadAllBytesAsync(file)), overwrite: true);
            await tick.WaitForNextTickAsync();
        }

        Console.Error.WriteLine($"uploaded {files.Count} posts, one a second");
        return 0;
    }

    /// <summary>Deletes one blob of a running local host's container (bench/search.sh: a deletion's freshness).</summary>
    public static async Task<int> RemoveAsync(string connection, string container, string blob)
    {
        await new BlobServiceClient(connection).GetBlobContainerClient(container).DeleteBlobIfExistsAsync(blob);
        return 0;
    }

    /// <summary>Storage requests the ingestor makes per new post and per unchanged re-upload, counted by the client pipeline.</summary>
    public static async Task<int> RequestsAsync(string connection, string folder, int count)
    {
        await using var services = BenchStorage.Build(connection, "req");
        var store = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ArchiveStore>(services);
        var ingestor = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Ingestor>(services);
        var counter = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<StorageRequestCounter>(services);
        await store.EnsureCreatedAsync(CancellationToken.None);
        var files = Directory.GetFiles(folder, "*.md").Order(StringComparer.Ordinal).Take(count).ToList();
        foreach (var file in files)
        {
            await store.Posts.GetBlobClient(Path.GetFileName(file)).UploadAsync(BinaryData.FromBytes(await File.ReadAllBytesAsync(file)), overwrite: true);
        }

        var perNew = new List<int>();
        var perUnchanged = new List<int>();
        foreach (var file in files)
        {
            counter.Reset();
            await ingestor.IngestAsync(Path.GetFileName(file), CancellationToken.None);
            perNew.Add(counter.Total);
        }

        foreach (var file in files)
        {
            await store.Posts.GetBlobClient(Path.GetFileName(file)).UploadAsync(BinaryData.FromBytes(await File.ReadAllBytesAsync(file)), overwrite: true);
            counter.Reset();
            await ingestor.IngestAsync(Path.GetFileName(file), CancellationToken.None);
            perUnchanged.Add(counter.Total);
        }

        // The reconciler's path: the same posts again as new ones, all at once.
        var reconciler = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Reconciler>(services);
        await store.Table.DeleteAsync();
        await store.Table.CreateAsync();
        counter.Reset();
        var report = await reconciler.ReconcileAsync(recomputeTotals: false, CancellationToken.None);
        if (perNew.Count != files.Count || report.Added != files.Count)
        {
            await Console.Error.WriteLineAsync($"requests: the reconciler added {report.Added} of {files.Count} posts; the figures would be of less than was given");
            return 1;
        }

        var perBulk = (double)counter.Total / report.Added;

        Console.WriteLine($"storage requests per new post: mean {perNew.Average():F2}, max {perNew.Max()} (over {files.Count})");
        Console.WriteLine($"storage requests per unchanged re-upload: mean {perUnchanged.Average():F2}, max {perUnchanged.Max()}");
        Console.WriteLine($"storage requests per new post in bulk (reconciler, groups of up to 100 entities): {perBulk:F2} ({counter.Total} for {report.Added})");
        await store.Table.DeleteAsync();
        await store.Posts.DeleteAsync();
        await store.Content.DeleteAsync();
        return 0;
    }

    private static async Task<int> ServedAsync(HttpClient http)
    {
        var health = await http.GetFromJsonAsync<JsonElement>("health");
        return health.GetProperty("posts").GetInt32();
    }
}
