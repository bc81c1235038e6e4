using Archive.Storage.Changes;
using Archive.Storage.Reading;
using Archive.Storage.Throttling;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Integration.Tests;

/// <summary>
/// What serving costs storage does not grow with the archive: whether anything changed is one small
/// entity, and a cold instance starts from the saved catalog and the change log (docs/storage.md).
/// </summary>
public sealed class StorageLoadTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Whether_anything_changed_is_one_small_entity_whatever_the_number_of_themes()
    {
        var sizes = new List<(long Requests, long Entities, long Bytes, int TotalsRows)>();
        foreach (var themes in new[] { 1, 200 })
        {
            var throttle = new PartitionThrottle(TimeProvider.System);
            await using var archive = await TestArchive.StartAsync(azurite, throttle: throttle);
            for (var i = 0; i < 200; i++)
            {
                await archive.PutBlobAsync($"p{i:D3}.md", System.Text.Encoding.UTF8.GetBytes(Posts.Make($"p{i:D3}", $"Post {i}", "2020-01-01", $"t{i % themes}")));
            }

            await archive.Reconciler.ReconcileAsync(recomputeTotals: false, CancellationToken.None);
            var reader = archive.Services.GetRequiredService<PostReader>();
            await reader.ReadTotalsAsync(CancellationToken.None);
            throttle.Reset();
            archive.Requests.Reset();
            var totals = await reader.ReadTotalsAsync(CancellationToken.None);
            Assert.Equal(themes, totals.Themes.Count);
            var load = Assert.Single(throttle.Loads).Value;
            sizes.Add((archive.Requests.Total, load.Read, load.BytesRead, (await archive.Store.ReadTotalsAsync(CancellationToken.None)).Shards.Values.Sum(s => 1 + s.Themes.Count)));
        }

        // One request, one entity, the same size but for the digits of a few numbers; the totals it replaces grow with the themes.
        Assert.All(sizes, s => Assert.Equal((1, 1), (s.Requests, s.Entities)));
        Assert.InRange(Math.Abs(sizes[0].Bytes - sizes[1].Bytes), 0, 32);
        Assert.Equal((32, 216), (sizes[0].TotalsRows, sizes[1].TotalsRows));
    }

    [Fact]
    public async Task A_cold_instance_makes_as_many_requests_at_2000_posts_as_at_100()
    {
        var counts = new List<int>();
        // 2,000: past the 1,000 at which the catalog is saved, and two pages of posts for a reader without it;
        // bench/scale.sh measures a cold start at 10,000 (seeding 5,000 here took over two minutes of Azurite).
        foreach (var size in new[] { 100, 2000 })
        {
            await using var archive = await TestArchive.StartAsync(azurite);
            await Parallel.ForEachAsync(Enumerable.Range(0, size), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
                await archive.PutBlobAsync($"c{i:D4}.md", System.Text.Encoding.UTF8.GetBytes(Posts.Make($"c{i:D4}", $"Cold {i}", "2021-01-01", $"t{i % 12}"))));
            await archive.Reconciler.ReconcileAsync(recomputeTotals: false, CancellationToken.None);

            // The first instance reads every post; at 1,000 or more it saves the catalog (in the background) for the next.
            var warm = archive.Services.GetRequiredService<PostReader>();
            await warm.ReadTotalsAsync(CancellationToken.None);
            var saved = archive.Store.Content.GetBlobClient(CatalogSnapshot.BlobName);
            Assert.Equal(size >= PostReader.MostEntriesFollowed, await Eventually.TrueAsync(async () => (await saved.ExistsAsync()).Value, TimeSpan.FromSeconds(size >= PostReader.MostEntriesFollowed ? 30 : 1)));
            await archive.UploadAsync("after.md", Posts.Make("after", "After the snapshot", "2022-01-01"));

            using var cold = new PostReader(archive.Store, archive.Services.GetRequiredService<ChangeLog>(), archive.Services.GetRequiredService<CatalogSnapshot>());
            archive.Requests.Reset();
            var totals = await cold.ReadTotalsAsync(CancellationToken.None);
            var page = await cold.ListAsync(new PostListQuery(Archive.Storage.Tables.ListSort.Newest, null, null, null, 20, null), string.Empty, totals, CancellationToken.None);
            counts.Add(archive.Requests.Total);
            Assert.Equal(size + 1, totals.Global.Posts);
            Assert.Equal("after", page.Posts[0].Key[2..]);
            Assert.Equal(size >= PostReader.MostEntriesFollowed ? 0 : 1, cold.CatalogLoads);
        }

        // 100: the version row, no saved catalog, the posts (one query). 2,000: the version row, the saved catalog, the log since.
        Assert.Equal(3, counts[0]);
        Assert.Equal(counts[0], counts[1]);
    }
}
