using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Integration.Tests;

/// <summary>§8 <c>/api/search</c>, <c>/api/posts/{id}/related</c> and <c>/api/admin/theme-suggestions</c>, through HTTP against Azurite.</summary>
public sealed partial class SearchTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private TestArchive archive = null!;

    public async Task InitializeAsync()
    {
        archive = await TestArchive.StartAsync(azurite);
        await Post("a", "Treaties of the thirties", "2020-01-01", "Diplomacy", "The non-aggression pacts were signed in haste. Alpha beta gamma.", "[Cold War, Île-de-France]");
        await Post("b", "Beta release notes", "2021-01-01", "Software", "Beta comes before alpha here: beta then alpha. A pact is a pact.", "[releases]");
        await Post("c", "Café culture", "2022-01-01", "Diplomacy", "Paris cafés were where treaties were drafted, alpha only.", "[Île-de-France]");
        await Post("d", "Escaping", "2023-01-01", "Software", "Write <script>alert(1)</script> & alpha < beta in prose.", "[]");
        await Post("e", "東京 travel", "2019-01-01", "Travel", "東京駅 is a station. alpha", "[]");
        await Post("f", "Hidden draft", "2024-01-01", "Software", "alpha beta secretword", "[]", draft: true);
    }

    public async Task DisposeAsync() => await archive.DisposeAsync();

    private async Task Post(string id, string title, string date, string theme, string body, string tags, bool draft = false) =>
        Assert.Equal(Archive.Storage.Ingestion.IngestOutcome.Added, (await archive.UploadAsync($"{id}.md",
            $"---\ntitle: \"{title}\"\nthread_id: {id}\nprimary_theme: {theme}\ndate: {date}\ntags: {tags}\n{(draft ? "draft: true\n" : string.Empty)}---\n\n{body}\n")).Outcome);

    private async Task<List<string>> Ids(string query) =>
        [.. (await archive.GetJsonAsync("search?" + query)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("post").GetProperty("id").GetString()!)];

    [Fact]
    public async Task Every_word_must_match_a_phrase_must_match_in_order_and_a_minus_excludes()
    {
        Assert.Equal(["a", "b", "d"], (await Ids("q=alpha+beta")).Order(StringComparer.Ordinal));
        // Punctuation between words does not break a phrase ("alpha < beta" in d).
        Assert.Equal(["a", "d"], (await Ids("q=" + Uri.EscapeDataString("\"alpha beta\""))).Order(StringComparer.Ordinal));
        Assert.Equal(["b"], await Ids("q=" + Uri.EscapeDataString("\"beta then alpha\"")));
        Assert.Equal(["c", "e"], (await Ids("q=alpha+-beta")).Order(StringComparer.Ordinal));
        Assert.Equal(["a"], await Ids("q=" + Uri.EscapeDataString("non-aggression")));
        Assert.Empty(await Ids("q=" + Uri.EscapeDataString("aggression-non")));
    }

    [Fact]
    public async Task Words_match_in_any_case_without_accents_and_in_their_inflections()
    {
        Assert.Equal(["c"], await Ids("q=cafe"));
        Assert.Equal(["c"], await Ids("q=CAFÉS"));
        Assert.Equal(["a", "b"], (await Ids("q=pact")).Order(StringComparer.Ordinal));
        Assert.Equal(["a", "c"], (await Ids("q=treaty")).Order(StringComparer.Ordinal));
        Assert.Equal(["e"], await Ids("q=" + Uri.EscapeDataString("東京")));
        Assert.Equal(["e"], await Ids("q=" + Uri.EscapeDataString("京駅")));
        Assert.Empty(await Ids("q=" + Uri.EscapeDataString("駅京")));
    }

    [Fact]
    public async Task A_title_match_ranks_above_a_body_match_and_ties_go_to_the_newest()
    {
        Assert.Equal("b", (await Ids("q=release"))[0]);
        var beta = await Ids("q=beta");
        Assert.Equal("b", beta[0]);

        // Identical posts but for the date: newest first.
        await Post("t1", "Twin", "2001-01-01", "Twins", "zebra crossing", "[]");
        await Post("t2", "Twin", "2002-01-01", "Twins", "zebra crossing", "[]");
        Assert.Equal(["t2", "t1"], await Ids("q=zebra"));
    }

    [Fact]
    public async Task Filters_narrow_and_drafts_are_never_found()
    {
        Assert.Equal(["c", "a"], await Ids("q=alpha&theme=diplomacy"));
        Assert.Equal(["c", "a"], await Ids("q=alpha&tag=" + Uri.EscapeDataString("ile-de-france")));
        Assert.Equal(["c"], await Ids("q=alpha&year=2022"));
        Assert.Empty(await Ids("q=secretword"));
    }

    [Fact]
    public async Task Paging_walks_every_match_once_in_order()
    {
        var all = await Ids("q=alpha&limit=50");
        var walked = new List<string>();
        string? cursor = null;
        do
        {
            var page = await archive.GetJsonAsync("search?q=alpha&limit=2" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)));
            Assert.Equal(all.Count, page.GetProperty("total").GetInt32());
            walked.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("post").GetProperty("id").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        Assert.Equal(all, walked);
        Assert.Equal(5, all.Count);
    }

    [Fact]
    public async Task Snippets_are_escaped_with_only_marks_added_and_at_most_200_characters()
    {
        var hit = (await archive.GetJsonAsync("search?q=alpha&limit=50")).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("post").GetProperty("id").GetString() == "d");
        var snippet = hit.GetProperty("snippet").GetString()!;
        Assert.Contains("&lt;script&gt;", snippet, StringComparison.Ordinal);
        Assert.Contains("<mark>alpha</mark>", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain(Tags().Matches(snippet).Select(m => m.Value), t => t is not ("<mark>" or "</mark>"));

        var longBody = string.Join(' ', Enumerable.Range(0, 300).Select(i => $"w{i}")) + " needle " + string.Join(' ', Enumerable.Range(0, 300).Select(i => $"x{i}"));
        await Post("long", "Long", "2018-01-01", "Long", longBody, "[]");
        var plain = (await archive.GetJsonAsync("search?q=needle")).GetProperty("items")[0].GetProperty("snippet").GetString()!;
        Assert.Contains("<mark>needle</mark>", plain, StringComparison.Ordinal);
        Assert.InRange(System.Net.WebUtility.HtmlDecode(plain.Replace("<mark>", string.Empty, StringComparison.Ordinal).Replace("</mark>", string.Empty, StringComparison.Ordinal)).Length, 20, 200);

        // Matches as the index found them: folded and inflected forms, each CJK character.
        Assert.Contains("<mark>cafés</mark>", (await archive.GetJsonAsync("search?q=cafe")).GetProperty("items")[0].GetProperty("snippet").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("<mark>東</mark><mark>京</mark>駅", (await archive.GetJsonAsync("search?q=" + Uri.EscapeDataString("東京"))).GetProperty("items")[0].GetProperty("snippet").GetString(), StringComparison.Ordinal);

        // A match only in the title or description: the description, marked.
        await Post("titled", "Uniqueword in title", "2018-01-01", "Long", "nothing here", "[]");
        Assert.Equal(System.Net.WebUtility.HtmlEncode("nothing here"), (await archive.GetJsonAsync("search?q=uniqueword")).GetProperty("items")[0].GetProperty("snippet").GetString());
    }

    [Fact]
    public async Task Searches_of_common_words_rank_and_count_as_lucenes_own_query_does()
    {
        // Words in at least one post in 20 are answered from their kept scores; an exclusion of a word
        // no post has sends the same search to Lucene's query. Same posts, order, totals and scores.
        await using var archive = await TestArchive.StartAsync(azurite);
        var random = new Random(7);
        string[] vocabulary = ["war", "peace", "treaty", "grain", "steel", "union", "border", "vote"];
        for (var i = 0; i < 40; i++)
        {
            // Every fourth post repeats the one before but for its date (or has none): ties go to the newest, then the id.
            var words = i % 4 == 3 ? null : Enumerable.Range(0, 5 + random.Next(60)).Select(_ => vocabulary[random.Next(random.Next(1, vocabulary.Length + 1))]).ToList();
            var body = words is null ? $"{vocabulary[0]} {vocabulary[1]}" : string.Join(' ', words);
            var title = i % 5 == 0 ? "Peace and grain" : $"Post {i}";
            var date = i % 7 == 0 ? null : $"20{10 + (i % 9)}-0{1 + (i % 9)}-15";
            await archive.UploadAsync($"c{i:D2}.md", $"---\ntitle: \"{title}\"\nthread_id: c{i:D2}\nprimary_theme: Common\n{(date is null ? string.Empty : $"date: {date}\n")}---\n\n{body}\n");
        }

        // Equal scores: the newest first, then by id (t4 has no date, so it comes last).
        foreach (var (id, date) in new[] { ("t5", "2014-01-01"), ("t2", "2015-05-05"), ("t0", "2015-05-05"), ("t1", "2015-05-05"), ("t4", null), ("t3", "2016-01-01") })
        {
            await archive.UploadAsync($"{id}.md", $"---\ntitle: \"Ridge\"\nthread_id: {id}\nprimary_theme: Common\n{(date is null ? string.Empty : $"date: {date}\n")}---\n\nridge war\n");
        }

        Assert.Equal(["t3", "t0", "t1"], await Ids("ridge", 3));
        Assert.Equal(["t3", "t0", "t1", "t2", "t5", "t4"], await Ids("ridge", 50));
        foreach (var q in new[] { "war", "peace", "vote", "ridge", "ridge+war", "war+peace", "peace+grain+steel", "union+union", "border+vote+war+treaty" })
        {
            foreach (var limit in new[] { 3, 50 })
            {
                var common = await archive.GetJsonAsync($"search?q={q}&limit={limit}");
                var lucene = await archive.GetJsonAsync($"search?q={q}+-zzqqxx&limit={limit}");
                Assert.Equal(lucene.GetProperty("total").GetInt32(), common.GetProperty("total").GetInt32());
                Assert.Equal(Found(lucene), Found(common));
                Assert.All(lucene.GetProperty("items").EnumerateArray().Zip(common.GetProperty("items").EnumerateArray()), pair =>
                    Assert.Equal(pair.First.GetProperty("score").GetDouble(), pair.Second.GetProperty("score").GetDouble(), 0.001));
            }
        }

        Assert.InRange((await archive.GetJsonAsync("search?q=war")).GetProperty("total").GetInt32(), 20, 46);
        static List<string> Found(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("post").GetProperty("id").GetString()!)];
        async Task<List<string>> Ids(string q, int limit) => Found(await archive.GetJsonAsync($"search?q={q}&limit={limit}"));
    }

    [Fact]
    public async Task A_post_is_found_once_served_and_not_after_it_changes_or_goes()
    {
        Assert.Empty(await Ids("q=freshword"));
        await Post("fresh", "Fresh", "2025-01-01", "News", "freshword appears", "[]");
        Assert.Equal(["fresh"], await Ids("q=freshword"));
        await archive.UploadAsync("fresh.md", Posts.Make("fresh", "Fresh", "2025-01-01", "News"));
        Assert.Empty(await Ids("q=freshword"));
        Assert.Equal(["fresh"], await Ids("q=fresh"));
        await archive.DeleteBlobAsync("fresh.md");
        await archive.Ingestor.IngestAsync("fresh.md", CancellationToken.None);
        Assert.Empty(await Ids("q=fresh"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("q=")]
    [InlineData("q=-alpha")]
    [InlineData("q=%21%21%21")]
    [InlineData("q=alpha&limit=0")]
    [InlineData("q=alpha&limit=51")]
    [InlineData("q=alpha&cursor=nope")]
    [InlineData("q=alpha&year=twenty")]
    [InlineData("q=alpha&theme=Not+A+Slug")]
    [InlineData("q=alpha&sort=newest")]
    public async Task An_invalid_query_is_a_400(string query)
    {
        using var response = await archive.Http.GetAsync("search?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_query_of_201_characters_is_a_400()
    {
        using var response = await archive.Http.GetAsync("search?q=" + new string('a', 201));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Related_posts_are_the_most_alike_never_the_post_itself_or_a_draft()
    {
        var related = (await archive.GetJsonAsync("posts/a/related")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("post").GetProperty("id").GetString()).ToList();
        Assert.InRange(related.Count, 1, 5);
        Assert.DoesNotContain("a", related);
        Assert.DoesNotContain("f", related);
        using var missing = await archive.Http.GetAsync("posts/nothing/related");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Uncategorized_posts_of_content_get_the_themes_their_text_is_most_like()
    {
        await using var sample = await TestArchive.StartAsync(azurite);
        await sample.UploadContentFolderAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "admin/theme-suggestions");
        request.Headers.Add("x-functions-key", TestArchive.AdminKey);
        using var response = await sample.Http.SendAsync(request);
        var items = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("items");
        var reference = items.EnumerateArray().Single(i => i.GetProperty("post").GetProperty("id").GetString() == "thread_0311");
        var themes = reference.GetProperty("themes").EnumerateArray().Select(t => t.GetProperty("slug").GetString()).ToList();

        // The Molotov–Ribbentrop pact, the USSR, Nazi Germany: the Cold War posts' vocabulary, not the economy's or labor's.
        Assert.Equal("cold-war-history", themes[0]);
        Assert.InRange(themes.Count, 1, 3);
        Assert.DoesNotContain("uncategorized", themes);
        Assert.All(items.EnumerateArray(), i => Assert.Equal("uncategorized", i.GetProperty("post").GetProperty("theme").GetProperty("slug").GetString()));
    }

    [Fact]
    public async Task A_cold_instance_opens_the_saved_index_instead_of_reading_every_post()
    {
        await using var warm = await TestArchive.StartAsync(azurite);
        var retired = warm.Store.Content.GetBlobClient("~search/index-1.zip");
        await retired.UploadAsync(BinaryData.FromString("an earlier layout"));
        for (var i = 0; i < 120; i++)
        {
            await warm.PutBlobAsync($"p{i:D3}.md", System.Text.Encoding.UTF8.GetBytes(Posts.Make($"p{i:D3}", $"Post {i}", "2020-01-01", words: 20 + i)));
        }

        await warm.Reconciler.ReconcileAsync(recomputeTotals: false, CancellationToken.None);
        var expected = (await warm.GetJsonAsync("search?q=w100&limit=50")).GetProperty("total").GetInt32();
        await warm.WaitForSavedSearchIndexAsync();
        Assert.True(await Eventually.TrueAsync(async () => !(await retired.ExistsAsync()).Value), "the copy of an earlier layout is still there");
        using var cold = warm.ColdSearchIndex();
        var totals = await warm.Store.ReadTotalsAsync(CancellationToken.None);
        warm.Requests.Reset();
        var view = await cold.ViewAsync(totals, CancellationToken.None);

        // The saved catalog (none below 1,000 posts), the catalog (one query) and the saved index (one blob): no post's content.
        Assert.Equal(3, warm.Requests.Total);
        var query = Archive.Search.SearchQuery.Parse("w100", out _)!;
        Assert.Equal(expected, view.Search(query, null, null, null, 0, 10).Total);
        Assert.Equal(39, expected);
    }

    [Fact]
    public async Task A_saved_index_that_cannot_be_read_or_escapes_its_folder_is_ignored_and_the_index_built_from_content()
    {
        await using var archive = await TestArchive.StartAsync(azurite);
        for (var i = 0; i < 5; i++)
        {
            await archive.UploadAsync($"s{i}.md", Posts.Make($"s{i}", $"Saved {i}", "2021-01-01", words: 30));
        }

        var saved = archive.Store.Content.GetBlobClient(Archive.Search.SearchSnapshot.BlobName);
        var escaping = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(escaping, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = new StreamWriter(zip.CreateEntry("../../escaped.txt").Open());
            await entry.WriteAsync("outside");
        }

        foreach (var bytes in new[] { "not a zip"u8.ToArray(), escaping.ToArray() })
        {
            await saved.UploadAsync(BinaryData.FromBytes(bytes), overwrite: true);
            using var cold = archive.ColdSearchIndex();
            var view = await cold.ViewAsync(await archive.Store.ReadTotalsAsync(CancellationToken.None), CancellationToken.None);
            Assert.Equal(5, view.Search(Archive.Search.SearchQuery.Parse("saved", out _)!, null, null, null, 0, 10).Total);
        }

        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), "escaped.txt")));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(Path.GetTempPath(), "archive-search"), "escaped.txt", SearchOption.AllDirectories));
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}
