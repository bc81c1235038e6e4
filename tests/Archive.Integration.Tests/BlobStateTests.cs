using System.Net;
using System.Text;
using System.Text.Json;
using Archive.Core.Parsing;

namespace Archive.Integration.Tests;

/// <summary><c>GET /api/admin/blobs/{*name}</c>: what became of a blob's current version, as an uploader waits on it.</summary>
public sealed class BlobStateTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private TestArchive archive = null!;

    public async Task InitializeAsync() => archive = await TestArchive.StartAsync(azurite);

    public async Task DisposeAsync() => await archive.DisposeAsync();

    [Fact]
    public async Task A_blob_goes_from_pending_to_what_its_content_became()
    {
        var first = Encoding.UTF8.GetBytes(Posts.Make("kept", "Kept", words: 40));
        await archive.PutBlobAsync("my-posts/sub/kept.md", first);
        var pending = await StateAsync("my-posts/sub/kept.md");
        Assert.Equal("pending", pending.GetProperty("state").GetString());

        await archive.Ingestor.IngestAsync("my-posts/sub/kept.md", CancellationToken.None);
        var served = await StateAsync("my-posts/sub/kept.md");
        Assert.Equal("served", served.GetProperty("state").GetString());
        Assert.Equal(ContentHash.Of(first), served.GetProperty("contentHash").GetString());
        Assert.Equal("kept", served.GetProperty("id").GetString());

        // A new upload: pending until processed, then rejected with the reason, while the good version is still served.
        var broken = Encoding.UTF8.GetBytes("---\ntitle: [broken\n---\nbody\n");
        await archive.PutBlobAsync("my-posts/sub/kept.md", broken);
        Assert.Equal("pending", (await StateAsync("my-posts/sub/kept.md")).GetProperty("state").GetString());
        await archive.Ingestor.IngestAsync("my-posts/sub/kept.md", CancellationToken.None);
        var rejected = await StateAsync("my-posts/sub/kept.md");
        Assert.Equal("rejected", rejected.GetProperty("state").GetString());
        Assert.Equal(ContentHash.Of(broken), rejected.GetProperty("contentHash").GetString());
        Assert.StartsWith("invalid YAML", rejected.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("kept", rejected.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Drafts_other_files_and_missing_blobs_say_so()
    {
        await archive.UploadAsync("draft.md", "---\ntitle: Not yet\nthread_id: not_yet\ndraft: true\n---\nbody\n");
        Assert.Equal("draft", (await StateAsync("draft.md")).GetProperty("state").GetString());

        await archive.PutBlobAsync("notes.txt", Encoding.UTF8.GetBytes("not a post"));
        Assert.Equal("ignored", (await StateAsync("notes.txt")).GetProperty("state").GetString());
        Assert.Equal("absent", (await StateAsync("nothing/here.md")).GetProperty("state").GetString());

        using var request = new HttpRequestMessage(HttpMethod.Get, "admin/blobs/draft.md");
        using var response = await archive.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<JsonElement> StateAsync(string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "admin/blobs/" + string.Join('/', name.Split('/').Select(Uri.EscapeDataString)));
        request.Headers.Add("x-functions-key", TestArchive.AdminKey);
        using var response = await archive.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
