using System.Diagnostics;
using Archive.Storage;
using Archive.Storage.Ingestion;
using Archive.Storage.Media;
using Archive.Storage.Tables;
using Archive.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Benchmarks;

/// <summary>
/// One 4,000 × 3,000 photo ingested (§11), as bench/media.sh asks: the time, the process's peak
/// memory, the bytes of the served copy and each variant, and the storage requests it took; then
/// the same image with a post referencing it, to count what a post's reference costs.
/// </summary>
public static class MediaCommand
{
    public static async Task<int> RunAsync(string connection, int runs)
    {
        await using var services = BenchStorage.Build(connection, "media");
        var store = services.GetRequiredService<ArchiveStore>();
        var ingestor = services.GetRequiredService<Ingestor>();
        var counter = services.GetRequiredService<StorageRequestCounter>();
        await store.EnsureCreatedAsync(CancellationToken.None);

        var photo = TestImages.Photo(4000, 3000);
        var times = new List<double>();
        var requests = new List<int>();
        for (var run = 0; run < runs; run++)
        {
            // A new version each run (a byte after the image changes its hash), so each is processed again.
            byte[] bytes = run == 0 ? photo : [.. photo, (byte)run];
            await store.Posts.GetBlobClient("photo.jpg").UploadAsync(BinaryData.FromBytes(bytes), overwrite: true);
            counter.Reset();
            var started = Stopwatch.GetTimestamp();
            var result = await ingestor.IngestAsync("photo.jpg", CancellationToken.None);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            requests.Add(counter.Total);
            if (result.Outcome is not (IngestOutcome.Added or IngestOutcome.Updated))
            {
                Console.Error.WriteLine($"FAILED: run {run} ingested the photo as {result.Outcome} ({result.Reason})");
                return 1;
            }
        }

        var record = (await store.FindAsync<BlobEntity>(RowKeys.Blob("photo.jpg"), CancellationToken.None))!;
        var copies = new List<string>();
        await foreach (var copy in store.Content.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, MediaRecords.Folder("photo.jpg", record.MediaVersion!), CancellationToken.None))
        {
            copies.Add($"{copy.Name[(copy.Name.LastIndexOf('/') + 1)..]} {copy.Properties.ContentLength:N0} bytes");
        }

        await store.Posts.GetBlobClient("photo.md").UploadAsync(BinaryData.FromString("---\ntitle: A photo\n---\n\n![a photo](photo.jpg)\n"), overwrite: true);
        counter.Reset();
        await ingestor.IngestAsync("photo.md", CancellationToken.None);
        var postRequests = counter.Total;

        times.Sort();
        var peak = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM", StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        Console.WriteLine($"photo: 4000 × 3000 JPEG, {photo.Length:N0} bytes uploaded");
        Console.WriteLine($"copies: {string.Join(", ", copies)}");
        Console.WriteLine($"storage requests per image: {requests[0]} new, {requests[^1]} for a new version (its old copies deleted)");
        Console.WriteLine($"storage requests for a post referencing it: {postRequests}");
        Console.WriteLine($"ingest time, median of {runs}: {times[times.Count / 2]:N0} ms");
        Console.WriteLine($"process peak memory: {long.Parse(peak ?? "0", System.Globalization.CultureInfo.InvariantCulture) / 1024} MB");
        if (copies.Count != 4)
        {
            Console.Error.WriteLine($"FAILED: measured {copies.Count} copies of the photo, expected the served one and 3 variants");
            return 1;
        }

        return 0;
    }
}
