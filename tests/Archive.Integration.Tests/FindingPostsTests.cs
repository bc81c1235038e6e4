using System.Net;

namespace Archive.Integration.Tests;

/// <summary>§8, the parts that need no search index: a post by its slug, tag keys, <c>?tag=</c> and <c>/api/tags</c>.</summary>
public sealed class FindingPostsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_slug_finds_its_post_the_newest_when_shared_and_an_id_comes_first()
    {
        await using var archive = await TestArchive.StartAsync(azurite);
        await archive.UploadAsync("old.md", Posts.Make("old_one", "Shared Title", "2019-05-01"));
        await archive.UploadAsync("new.md", Posts.Make("new_one", "Shared Title", "2023-05-01"));
        await archive.UploadAsync("undated.md", Posts.Make("undated_one", "Shared Title"));
        await archive.UploadAsync("id.md", Posts.Make("unique-title", "Something Else", "2020-01-01"));
        await archive.UploadAsync("slugged.md", Posts.Make("slugged", "Unique Title", "2024-01-01"));
        await archive.UploadAsync("draft.md", Posts.Make("draft_one", "Shared Title", "2025-01-01", extra: "draft: true\n"));

        var shared = await archive.GetJsonAsync("posts/shared-title");
        Assert.Equal("new_one", shared.GetProperty("id").GetString());
        Assert.Equal("shared-title", shared.GetProperty("slug").GetString());
        Assert.Equal("new_one", (await archive.GetJsonAsync("posts/SHARED-Title")).GetProperty("id").GetString());

        // An id first: "unique-title" is one post's id and another's slug.
        Assert.Equal("unique-title", (await archive.GetJsonAsync("posts/unique-title")).GetProperty("id").GetString());
        using var missing = await archive.Http.GetAsync("posts/no-such-title");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        // Deleting the newest gives the slug to the next newest.
        await archive.DeleteBlobAsync("new.md");
        await archive.Ingestor.IngestAsync("new.md", CancellationToken.None);
        Assert.Equal("old_one", (await archive.GetJsonAsync("posts/shared-title")).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Tags_are_listed_by_key_with_their_most_common_spelling_and_filter_lists()
    {
        await using var archive = await TestArchive.StartAsync(azurite);
        await archive.UploadAsync("a.md", Posts.Make("a", "A", "2020-01-01", theme: "Places", extra: "tags: [Île-de-France, Paris]\n"));
        await archive.UploadAsync("b.md", Posts.Make("b", "B", "2021-01-01", theme: "Places", extra: "tags: [ile de france]\n"));
        await archive.UploadAsync("c.md", Posts.Make("c", "C", "2022-01-01", theme: "Other", extra: "tags: [Île-de-France, \"東京 駅\"]\n"));
        await archive.UploadAsync("d.md", Posts.Make("d", "D", "2023-01-01", extra: "tags: [Paris]\ndraft: true\n"));

        var tags = (await archive.GetJsonAsync("tags")).GetProperty("items").EnumerateArray()
            .Select(t => $"{t.GetProperty("slug").GetString()} {t.GetProperty("name").GetString()} {t.GetProperty("posts").GetInt32()}")
            .ToList();
        Assert.Equal(["ile-de-france Île-de-France 3", "paris Paris 1", "東京-駅 東京 駅 1"], tags);

        foreach (var tag in new[] { "ile-de-france", "Île-de-France", "ILE DE FRANCE" })
        {
            var ids = (await archive.GetJsonAsync("posts?tag=" + Uri.EscapeDataString(tag))).GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString());
            Assert.Equal(["c", "b", "a"], ids);
        }

        var places = (await archive.GetJsonAsync("posts?tag=ile-de-france&theme=places&sort=oldest")).GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString());
        Assert.Equal(["a", "b"], places);
        Assert.Empty((await archive.GetJsonAsync("posts?tag=nothing")).GetProperty("items").EnumerateArray());
        using var invalid = await archive.Http.GetAsync("posts?tag=" + Uri.EscapeDataString("!!!"));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }
}
