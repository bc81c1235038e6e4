using System.Net;
using System.Text;
using System.Text.Json;
using Archive.Cli.Commands;
using Archive.Storage;
using Archive.Storage.Ingestion;
using Archive.Storage.Names;

namespace Archive.Integration.Tests;

/// <summary>
/// Blob names as an attacker writes them (issue 27): a name is used exactly as stored or refused
/// with a reason; it is never read, ingested or deleted as the blob its URL would name.
/// </summary>
public sealed class HostileNameTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private TestArchive archive = null!;

    public async Task InitializeAsync() => archive = await TestArchive.StartAsync(azurite);

    public async Task DisposeAsync() => await archive.DisposeAsync();

    [Theory]
    [InlineData("a/../victim.md", "'..' segment")]
    [InlineData("./b.md", "'.' segment")]
    [InlineData("sub\\d.md", "'\\'")]
    [InlineData("p%2Fe.md", "percent-escape")]
    [InlineData("x\ny.md", "control character (U+000A)")]
    [InlineData("b\u0001c.md", "control character (U+0001)")]
    [InlineData("folder/", "ends with '/'")]
    public void Names_that_URLs_rewrite_are_refused_with_a_reason(string name, string reason)
    {
        Assert.Contains(reason, BlobNames.Problem(name), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => archive.Store.PostBlob(name));
    }

    [Theory]
    [InlineData("victim.md")]
    [InlineData("my-posts/sub/a b.md")]
    [InlineData("Übersicht/ünïcödé.md")]
    [InlineData("a..b.md")]
    [InlineData(".hidden/x.md")]
    public void Ordinary_names_are_used_as_they_are(string name) => Assert.Null(BlobNames.Problem(name));

    [Theory]
    [InlineData("a/../victim.md")]
    [InlineData("sub/../victim.md")]
    [InlineData("./victim.md")]
    public async Task A_name_that_climbs_never_takes_over_the_post_it_names(string odd)
    {
        await archive.UploadAsync("victim.md", Posts.Make("victim", "Victim"));

        // The event for a name whose URL is victim.md's: before names were checked, it downloaded victim.md and took its id.
        var result = await archive.Ingestor.IngestAsync(odd, CancellationToken.None);
        Assert.NotEqual(IngestOutcome.Added, result.Outcome);
        Assert.NotEqual(IngestOutcome.Updated, result.Outcome);

        var post = await archive.GetJsonAsync("posts/victim");
        Assert.Equal("victim.md", post.GetProperty("source").GetProperty("blob").GetString());
        Assert.Equal("served", (await StateAsync("victim.md")).GetProperty("state").GetString());

        // Asked by a query value, the odd name is itself (absent), not victim.md.
        Assert.Equal("absent", (await StateAsync(odd)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_backslash_name_is_not_read_as_the_slash_name()
    {
        await archive.UploadAsync("sub/d.md", Posts.Make("d", "Slash"));
        var result = await archive.Ingestor.IngestAsync("sub\\d.md", CancellationToken.None);
        Assert.Equal(IngestOutcome.NothingToRemove, result.Outcome);
        Assert.Equal("sub/d.md", (await archive.GetJsonAsync("posts/d")).GetProperty("source").GetProperty("blob").GetString());
    }

    [Fact]
    public async Task A_stored_name_with_a_control_character_is_rejected_and_listed_and_the_others_are_ingested()
    {
        await archive.PutBlobAsync("a.md", Encoding.UTF8.GetBytes(Posts.Make("first", "First")));
        await archive.PutBlobAsync("b\u0001c.md", Encoding.UTF8.GetBytes(Posts.Make("odd", "Odd")));
        await archive.PutBlobAsync("d.md", Encoding.UTF8.GetBytes(Posts.Make("last", "Last")));

        // Azurite cannot list past the name (XmlException): what it listed is ingested, nothing is removed, and health says why.
        var report = await archive.Reconciler.ReconcileAsync(recomputeTotals: false, CancellationToken.None);
        Assert.True(report.Added >= 1, $"added {report.Added}");
        Assert.Equal("a.md", (await archive.GetJsonAsync("posts/first")).GetProperty("source").GetProperty("blob").GetString());
        var health = await archive.GetJsonAsync("health");
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.Contains(health.GetProperty("problems").EnumerateArray(), p => p.GetString()!.StartsWith("cannot list the posts container", StringComparison.Ordinal));

        // Its own event rejects it by its name, with the reason, and the state says so; it never becomes a post.
        var odd = await archive.Ingestor.IngestAsync("b\u0001c.md", CancellationToken.None);
        Assert.Equal(IngestOutcome.Rejected, odd.Outcome);
        var state = await StateAsync("b\u0001c.md");
        Assert.Equal("rejected", state.GetProperty("state").GetString());
        Assert.Contains("control character (U+0001)", state.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("b\u0001c.md", (await archive.RejectionsAsync()).Keys);

        // Once it is gone, the listing works again and health is ok.
        await archive.Store.Posts.DeleteBlobAsync("b\u0001c.md");
        await archive.Reconciler.ReconcileAsync(recomputeTotals: false, CancellationToken.None);
        Assert.Equal("d.md", (await archive.GetJsonAsync("posts/last")).GetProperty("source").GetProperty("blob").GetString());
        Assert.Equal("ok", (await archive.GetJsonAsync("health")).GetProperty("status").GetString());
        Assert.DoesNotContain("b\u0001c.md", (await archive.RejectionsAsync()).Keys);
    }

    [Fact]
    public async Task Delete_never_deletes_the_blob_a_stale_odd_name_points_at()
    {
        await archive.UploadAsync("two.md", Posts.Make("two", "Two"));

        // What sync --delete does with a stale zz/../two.md in the container: before, it deleted the folder's own two.md.
        var status = await DeleteCommand.DeleteBlobsAsync(archive.Store, ["zz/../two.md"], null, CancellationToken.None);
        Assert.NotEqual(0, status);
        Assert.True(await archive.Store.Posts.GetBlobClient("two.md").ExistsAsync());
    }

    [Fact]
    public async Task When_the_owner_of_an_id_leaves_the_earliest_rival_has_it_at_once()
    {
        await archive.UploadAsync("owner.md", Posts.Make("same", "Owner"));
        Assert.Equal(IngestOutcome.Rejected, (await archive.UploadAsync("rival-b.md", Posts.Make("same", "Rival B"))).Outcome);
        Assert.Equal(IngestOutcome.Rejected, (await archive.UploadAsync("rival-a.md", Posts.Make("same", "Rival A"))).Outcome);

        // The owner's deletion, as its event: the rival that claimed the id first has it, no reconcile needed.
        await archive.DeleteBlobAsync("owner.md");
        await archive.Ingestor.IngestAsync("owner.md", CancellationToken.None);

        var post = await archive.GetJsonAsync("posts/same");
        Assert.Equal("rival-b.md", post.GetProperty("source").GetProperty("blob").GetString());
        var rejections = await archive.RejectionsAsync();
        Assert.Contains("rival-a.md", rejections.Keys);
        Assert.Contains("rival-b.md'", rejections["rival-a.md"], StringComparison.Ordinal);
        Assert.DoesNotContain("rival-b.md", rejections.Keys);
    }

    [Fact]
    public async Task The_state_route_needs_a_name_and_takes_it_once()
    {
        foreach (var path in new[] { "admin/blobs/", "admin/blobs//", "admin/blobs/a.md?name=a.md" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("x-functions-key", TestArchive.AdminKey);
            using var response = await archive.Http.SendAsync(request);
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        }
    }

    [Fact]
    public async Task An_empty_key_header_does_not_hide_the_code_in_the_query()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "admin/rejections?code=" + TestArchive.AdminKey);
        request.Headers.TryAddWithoutValidation("x-functions-key", string.Empty);
        using var response = await archive.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<JsonElement> StateAsync(string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "admin/blobs?name=" + Uri.EscapeDataString(name));
        request.Headers.Add("x-functions-key", TestArchive.AdminKey);
        using var response = await archive.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
