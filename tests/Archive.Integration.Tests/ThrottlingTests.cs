using System.Net;
using Archive.Storage.Ingestion;
using Archive.Storage.Tables;
using Archive.Storage.Throttling;
using Archive.Storage.Totals;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Archive.Integration.Tests;

/// <summary>
/// Azure's throttling, modelled by <see cref="PartitionThrottle"/> on the real storage clients
/// against Azurite: what it counts and refuses, and what the archive does when the table refuses
/// (serves what it holds, says so; an ingest waits and finishes). docs/storage.md, "Throttling".
/// </summary>
public sealed class ThrottlingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task The_model_counts_entities_per_partition_and_refuses_over_the_budget_without_sending()
    {
        // A clock that stands still: every request falls in one second of the budget.
        var throttle = new PartitionThrottle(new FakeTimeProvider(DateTimeOffset.UtcNow));
        await using var archive = await TestArchive.StartAsync(azurite, throttle: throttle);
        await archive.UploadAsync("a.md", Posts.Make("a", "A", theme: "One"));
        await archive.UploadAsync("b.md", Posts.Make("b", "B", theme: "Two"));
        var table = archive.Store.Table;
        var partition = $"{table.Name}/{RowKeys.Partition}";

        throttle.Reset();
        var rows = 0;
        await foreach (var _ in archive.Store.QueryPrefix<TableEntity>(RowKeys.TotalsPrefix, TableLimits.QueryPageSize, null, CancellationToken.None))
        {
            rows++;
        }

        Assert.True(rows > 2, $"{rows} totals rows");
        Assert.Equal(rows, throttle.Loads[partition].Read);
        await table.SubmitTransactionAsync([.. Enumerable.Range(0, 3).Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(RowKeys.Partition, $"zz|{i}")))]);
        await table.UpsertEntityAsync(new TableEntity("other", "x"));
        Assert.True(3 == throttle.Loads[partition].Written, string.Join("; ", throttle.Loads.Select(l => $"{l.Key}: {l.Value.Written}")));
        Assert.Equal(1, throttle.Loads[$"{table.Name}/other"].Written);

        // Over the budget: 503 ServerBusy, as the service answers, and the write never reaches Azurite.
        throttle.EntitiesPerSecond = rows + 3;
        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => table.UpsertEntityAsync(new TableEntity(RowKeys.Partition, "zz|refused")));
        Assert.Equal((503, "ServerBusy"), (refused.Status, refused.ErrorCode));
        Assert.Equal(3, throttle.Refused); // the call and the SDK's two retries
        await table.UpsertEntityAsync(new TableEntity("other", "y")); // another partition has a budget of its own
        throttle.EntitiesPerSecond = 0;
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>(RowKeys.Partition, "zz|refused")).HasValue);
    }

    [Fact]
    public async Task A_refused_read_is_served_from_what_the_instance_holds_with_its_age_and_health_says_degraded()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var throttle = new PartitionThrottle(TimeProvider.System);
        await using var archive = await TestArchive.StartAsync(azurite, new Dictionary<string, string?> { ["Archive:ReadCacheSeconds"] = "1" }, time, throttle);
        await archive.UploadAsync("held.md", Posts.Make("held", "Held"));
        using var before = await archive.Http.GetAsync("posts?limit=5");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Null(before.Headers.Age);

        throttle.RefuseAll = true;
        time.Advance(TimeSpan.FromSeconds(5));
        foreach (var path in new[] { "posts?limit=5", "posts/held", "themes" })
        {
            using var held = await archive.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, held.StatusCode);
            Assert.True(held.Headers.Age >= TimeSpan.FromSeconds(5), $"{path}: Age {held.Headers.Age}");
        }

        using var same = await archive.Http.GetAsync("posts?limit=5");
        Assert.Equal(await before.Content.ReadAsStringAsync(), await same.Content.ReadAsStringAsync());
        var health = await archive.GetJsonAsync("health");
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.Equal(1, health.GetProperty("posts").GetInt32());
        var problem = health.GetProperty("problems")[0].GetString()!;
        Assert.True(problem.Contains("503 ServerBusy", StringComparison.Ordinal), problem);
        Assert.True(throttle.Refused > 0);

        // Once the table answers again (after the pause the failures set), so does the instance, fresh.
        throttle.RefuseAll = false;
        time.Advance(TimeSpan.FromSeconds(31));
        Assert.True(await Eventually.TrueAsync(async () =>
        {
            using var fresh = await archive.Http.GetAsync("posts?limit=5");
            return fresh.Headers.Age is null && (await archive.GetJsonAsync("health")).GetProperty("status").GetString() == "ok";
        }), "still degraded after the table answered again");
    }

    [Fact]
    public async Task A_refused_ingest_waits_as_asked_and_finishes_once_allowed_with_exact_totals()
    {
        var throttle = new PartitionThrottle(TimeProvider.System) { RetryAfter = TimeSpan.FromSeconds(1) };
        await using var archive = await TestArchive.StartAsync(azurite, throttle: throttle);
        await archive.UploadAsync("a.md", Posts.Make("a", "A", theme: "One"));
        await archive.UploadAsync("b.md", Posts.Make("b", "B", theme: "One", words: 700));
        await archive.PutBlobAsync("c.md", System.Text.Encoding.UTF8.GetBytes(Posts.Make("c", "C", theme: "Two", words: 1500)));

        throttle.RefuseAll = true;
        var ingest = archive.Ingestor.IngestAsync("c.md", CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(ingest.IsCompleted, $"the ingest ended while every table request was refused ({ingest.Status})");
        var refusedWhileWaiting = throttle.Refused;
        Assert.InRange(refusedWhileWaiting, 3, 30); // it waited as asked between tries, not in a tight loop

        throttle.RefuseAll = false;
        Assert.Equal(IngestOutcome.Added, (await ingest).Outcome);
        Assert.Equal(0, await archive.Services.GetRequiredService<TotalsRecomputer>().RecomputeAsync(CancellationToken.None));
        var totals = await archive.GetJsonAsync("reading-time");
        Assert.Equal(3, totals.GetProperty("posts").GetInt32());
        Assert.Equal(["One", "Two"], (await archive.GetJsonAsync("themes")).GetProperty("items").EnumerateArray().Select(t => t.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
    }
}
