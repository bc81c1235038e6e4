using System.Text.Json;
using Archive.Storage.Ingestion;
using Archive.Storage.Tables;
using Archive.Storage.Totals;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Integration.Tests;

/// <summary>Totals stay exact when many ingests race: ETag-guarded transactions retry instead of losing updates.</summary>
public sealed class ConcurrentIngestTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly string[] Themes = ["North", "South", "East", "West"];
    private TestArchive archive = null!;

    public async Task InitializeAsync() => archive = await TestArchive.StartAsync(azurite);

    public async Task DisposeAsync() => await archive.DisposeAsync();

    [Fact]
    public async Task Hundred_posts_over_four_themes_ingested_eight_at_a_time_keep_exact_totals()
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = 8 };
        await Parallel.ForEachAsync(Enumerable.Range(0, 100), options, async (i, _) =>
        {
            var post = Posts.Make($"c{i:D3}", $"Concurrent {i}", $"2022-{1 + i % 12:D2}-{1 + i % 28:D2}", Themes[i % 4], words: 50 + i * 13);
            var result = await archive.UploadAsync($"c{i:D3}.md", post);
            Assert.Equal(IngestOutcome.Added, result.Outcome);
        });

        // Then a second wave that changes half of them and deletes a tenth, still concurrently.
        await Parallel.ForEachAsync(Enumerable.Range(0, 100).Where(i => i % 2 == 0), options, async (i, _) =>
        {
            if (i % 10 == 0)
            {
                await archive.DeleteBlobAsync($"c{i:D3}.md");
                await archive.Ingestor.RemoveAsync($"c{i:D3}.md", CancellationToken.None);
            }
            else
            {
                await archive.UploadAsync($"c{i:D3}.md", Posts.Make($"c{i:D3}", $"Concurrent {i}", "2021-06-01", Themes[(i + 1) % 4], words: 2000 - i));
            }
        });

        var posts = (await archive.GetJsonAsync("posts?limit=100")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(90, posts.Count);
        await AssertTotalsMatch(posts, await archive.GetJsonAsync("themes"), await archive.GetJsonAsync("reading-time"));
        Assert.Equal(0, await archive.Reconciler.RecomputeTotalsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_recompute_racing_live_ingests_never_writes_stale_totals_over_them()
    {
        var recomputer = archive.Services.GetRequiredService<TotalsRecomputer>();
        using var done = new CancellationTokenSource();
        var recomputes = 0;
        var recomputing = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                await recomputer.RecomputeAsync(CancellationToken.None);
                recomputes++;
            }
        });

        var options = new ParallelOptions { MaxDegreeOfParallelism = 8 };
        await Parallel.ForEachAsync(Enumerable.Range(0, 120), options, async (i, _) =>
        {
            await archive.UploadAsync($"r{i:D3}.md", Posts.Make($"r{i:D3}", $"Racing {i}", $"2020-{1 + i % 12:D2}-01", Themes[i % 4], words: 30 + i));
            if (i % 3 == 0)
            {
                await archive.UploadAsync($"r{i:D3}.md", Posts.Make($"r{i:D3}", $"Racing {i}", "2019-01-01", Themes[(i + 1) % 4], words: 900 - i));
            }
        });
        await done.CancelAsync();
        await recomputing;

        // Checked without writing: a final recompute that repaired drift would hide it.
        Assert.True(recomputes > 0);
        Assert.Equal(0, await recomputer.CountDriftAsync(CancellationToken.None));
        Assert.Equal(120, (await archive.GetJsonAsync("health")).GetProperty("posts").GetInt32());
    }

    [Fact]
    public async Task Totals_of_the_unsharded_layout_count_for_nothing_and_a_recompute_removes_them()
    {
        await archive.UploadAsync("one.md", Posts.Make("one", "One", theme: "North"));
        var legacy = new TotalsEntity { RowKey = "a|*", Scope = RowKeys.AllScope, Posts = 99, Version = 7 };
        await archive.Store.Table.AddEntityAsync(legacy);
        await archive.Store.Table.AddEntityAsync(new TotalsEntity { RowKey = "a|t|north", Scope = "north", Posts = 42 });
        Assert.Equal(1, (await archive.GetJsonAsync("health")).GetProperty("posts").GetInt32());
        Assert.Equal(1, (await archive.GetJsonAsync("reading-time?theme=north")).GetProperty("posts").GetInt32());

        Assert.Equal(2, await archive.Reconciler.RecomputeTotalsAsync(CancellationToken.None));
        Assert.Empty((await archive.Store.ReadTotalsAsync(CancellationToken.None)).Legacy);
        Assert.Equal(0, await archive.Reconciler.RecomputeTotalsAsync(CancellationToken.None));
    }

    private static Task AssertTotalsMatch(List<JsonElement> posts, JsonElement themes, JsonElement readingTime)
    {
        var byTheme = posts.GroupBy(p => p.GetProperty("theme").GetProperty("slug").GetString()!).ToDictionary(g => g.Key, g => g.ToList());
        var themeItems = themes.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(byTheme.Keys.Order(), themeItems.Select(t => t.GetProperty("slug").GetString()!).Order());
        foreach (var theme in themeItems)
        {
            var mine = byTheme[theme.GetProperty("slug").GetString()!];
            Assert.Equal(mine.Count, theme.GetProperty("posts").GetInt32());
            Assert.Equal(mine.Sum(p => p.GetProperty("wordCount").GetInt32()), theme.GetProperty("words").GetInt32());
            Assert.Equal(mine.Sum(p => p.GetProperty("readingTime").GetInt32()), theme.GetProperty("readingMinutes").GetInt32());
            Assert.Equal(mine.Max(p => p.GetProperty("date").GetString()), theme.GetProperty("latestDate").GetString());
        }

        var minutes = posts.Select(p => p.GetProperty("readingTime").GetInt32()).Order().ToList();
        Assert.Equal(posts.Count, readingTime.GetProperty("posts").GetInt32());
        Assert.Equal(posts.Sum(p => p.GetProperty("wordCount").GetInt32()), readingTime.GetProperty("totalWords").GetInt32());
        Assert.Equal(minutes.Sum(), readingTime.GetProperty("totalMinutes").GetInt32());
        Assert.Equal(minutes[44], readingTime.GetProperty("medianMinutes").GetInt32());
        Assert.Equal(minutes[80], readingTime.GetProperty("p90Minutes").GetInt32());
        Assert.Equal(
            posts.OrderByDescending(p => p.GetProperty("wordCount").GetInt32()).ThenBy(p => p.GetProperty("id").GetString(), StringComparer.Ordinal)
                .Take(5).Select(p => p.GetProperty("id").GetString()),
            readingTime.GetProperty("longest").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        return Task.CompletedTask;
    }
}
