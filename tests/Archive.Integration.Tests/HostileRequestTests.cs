using System.Net;
using System.Net.Sockets;
using System.Text;
using Archive.Api.Tokens;

namespace Archive.Integration.Tests;

/// <summary>Requests as an attacker writes them (issue 27): forged cursors, odd Host headers, conditional requests on what does not exist.</summary>
public sealed class HostileRequestTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private TestArchive archive = null!;

    public async Task InitializeAsync()
    {
        archive = await TestArchive.StartAsync(azurite);
        await archive.UploadAsync("a.md", Posts.Make("a", "Harbour cogs", words: 40));
    }

    public async Task DisposeAsync() => await archive.DisposeAsync();

    [Theory]
    [InlineData("2000000000")]
    [InlineData("2147483647")]
    [InlineData("10001")]
    public async Task A_search_cursor_past_the_fixed_depth_is_a_400(string rank)
    {
        // The same cursor at a rank within the depth is served: the one refused is refused for its rank.
        using (var within = await archive.Http.GetAsync("search?q=harbour&cursor=" + Uri.EscapeDataString(PageCursor.Issue("search|harbour|||", "1"))))
        {
            Assert.Equal(HttpStatusCode.OK, within.StatusCode);
        }

        var cursor = PageCursor.Issue("search|harbour|||", rank);
        using var response = await archive.Http.GetAsync("search?q=harbour&cursor=" + Uri.EscapeDataString(cursor));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("themes/no-such-theme")]
    [InlineData("reading-time?theme=no-such-theme")]
    public async Task If_none_match_star_on_an_unknown_theme_is_a_404(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("If-None-Match", "*");
        using var response = await archive.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("127.0.0.1:99999")]
    [InlineData("a b")]
    public async Task A_malformed_host_is_a_400(string host)
    {
        var (status, _) = await RawAsync($"GET /api/feed.json HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        Assert.Equal(400, status);
    }

    [Fact]
    public async Task A_host_of_300_characters_is_a_400_and_a_request_without_host_is_served()
    {
        var (status, _) = await RawAsync($"GET /api/feed.json HTTP/1.1\r\nHost: {new string('h', 300)}\r\nConnection: close\r\n\r\n");
        Assert.Equal(400, status);
        var (old, body) = await RawAsync("GET /api/feed.json HTTP/1.0\r\n\r\n");
        Assert.True(old == 200, body);
    }

    private async Task<(int Status, string Text)> RawAsync(string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(archive.Http.BaseAddress!.Host, archive.Http.BaseAddress.Port);
        await using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        var status = int.Parse(text.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        return (status, text);
    }
}
