using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Archive.Storage.Ingestion;
using SkiaSharp;
using Xunit.Abstractions;

namespace Archive.Integration.Tests;

/// <summary>§11: images beside posts, served at /api/media, and links between posts, against Azurite over real HTTP.</summary>
public sealed class MediaTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private TestArchive archive = null!;

    public async Task InitializeAsync() => archive = await TestArchive.StartAsync(azurite, new Dictionary<string, string?> { ["Archive:MaxMediaBytes"] = "2000000" });

    public async Task DisposeAsync() => await archive.DisposeAsync();

    private static string Post(string id, string title, string body) => $"---\ntitle: \"{title}\"\nthread_id: {id}\n---\n\n{body}\n";

    [Fact]
    public async Task An_image_beside_a_post_is_served_with_its_size_variants_and_caching()
    {
        Assert.Equal(IngestOutcome.Added, (await archive.UploadAsync("baltic/map.png", TestImages.Png(1200, 800))).Outcome);
        await archive.UploadAsync("baltic/hanse.md", Post("hanse", "The Hanse", "![map of the Hanse](map.png)\n\nText.\n\n![again](./map.png)"));

        var post = await archive.GetJsonAsync("posts/hanse");
        var origin = archive.Http.BaseAddress!.GetLeftPart(UriPartial.Authority);
        var media = post.GetProperty("media");
        Assert.Equal(1, media.GetArrayLength());
        var image = media[0];
        Assert.Equal("baltic/map.png", image.GetProperty("blob").GetString());
        Assert.Equal("map of the Hanse", image.GetProperty("alt").GetString());
        Assert.Equal(1200, image.GetProperty("width").GetInt32());
        Assert.Equal(800, image.GetProperty("height").GetInt32());
        Assert.Equal("image/png", image.GetProperty("type").GetString());
        Assert.Equal([480, 960], image.GetProperty("variants").EnumerateArray().Select(v => v.GetProperty("width").GetInt32()));
        var url = image.GetProperty("url").GetString()!;
        Assert.StartsWith(origin + "/api/media/baltic/map.png?v=", url, StringComparison.Ordinal);

        var html = post.GetProperty("html").GetString()!;
        Assert.Contains($"<img src=\"{url}\" alt=\"map of the Hanse\" width=\"1200\" height=\"800\" srcset=\"{url.Replace("&", "&amp;")}&amp;w=480 480w, ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("archive://", html, StringComparison.Ordinal);
        // The first image loads at once, the others lazily.
        Assert.Equal(1, CountOf(html, "loading=\"lazy\""));
        Assert.Equal(2, CountOf(html, "<img "));
        Assert.Empty(post.GetProperty("warnings").EnumerateArray());

        var listed = (await archive.GetJsonAsync("posts")).GetProperty("items")[0].GetProperty("image");
        Assert.Equal(url, listed.GetProperty("url").GetString());
        Assert.Equal(1200, listed.GetProperty("width").GetInt32());

        using var response = await archive.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("sandbox", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("immutable", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        using (var decoded = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync()))
        {
            Assert.Equal(1200, decoded.Width);
        }

        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await archive.Http.SendAsync(again)).StatusCode);

        using var head = await archive.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());

        using var variant = await archive.Http.GetAsync(url + "&w=480");
        Assert.Equal("image/webp", variant.Content.Headers.ContentType!.MediaType);
        using (var small = SKBitmap.Decode(await variant.Content.ReadAsByteArrayAsync()))
        {
            Assert.Equal((480, 320), (small.Width, small.Height));
        }

        // Without the current version the URL is not immutable; a width it has no variant of is a 404.
        using var unversioned = await archive.Http.GetAsync("media/baltic/map.png");
        Assert.DoesNotContain("immutable", unversioned.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await archive.Http.GetAsync("media/baltic/map.png?w=1600")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await archive.Http.GetAsync("media/baltic/nothing.png")).StatusCode);

        var state = await archive.GetJsonAsync("admin/blobs/baltic/map.png?code=" + TestArchive.AdminKey);
        Assert.Equal("served", state.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, state.GetProperty("id").ValueKind);
    }

    [Fact]
    public async Task A_missing_image_warns_and_the_post_shows_it_once_it_is_uploaded_and_not_after_it_is_deleted()
    {
        await archive.UploadAsync("stink.md", Post("stink", "The Great Stink", "Before.\n\n![the Thames in 1858](thames.jpg)\n\n![](chart.png)"));
        var before = await archive.GetJsonAsync("posts/stink");
        Assert.Contains("image 'thames.jpg' does not exist; its alt text is shown instead", Warnings(before));
        Assert.Contains("image 'chart.png' has no alt text", Warnings(before));
        Assert.Contains("the Thames in 1858", before.GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("<img", before.GetProperty("html").GetString(), StringComparison.Ordinal);
        var changes = (await archive.GetJsonAsync("changes")).GetProperty("nextToken").GetString();

        // The image alone is uploaded: the post is rendered again, never uploaded again.
        await archive.UploadAsync("thames.jpg", TestImages.Jpeg(640, 480));
        var after = await archive.GetJsonAsync("posts/stink");
        Assert.Contains("<img src=", after.GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Warnings(after), w => w.Contains("thames.jpg", StringComparison.Ordinal));
        Assert.True(after.GetProperty("updatedAt").GetDateTimeOffset() > before.GetProperty("updatedAt").GetDateTimeOffset());
        var changed = await archive.GetJsonAsync("changes?since=" + Uri.EscapeDataString(changes!));
        Assert.Equal("stink", changed.GetProperty("items")[0].GetProperty("post").GetProperty("id").GetString());

        await archive.DeleteBlobAsync("thames.jpg");
        await archive.Ingestor.RemoveAsync("thames.jpg", CancellationToken.None);
        var gone = await archive.GetJsonAsync("posts/stink");
        Assert.DoesNotContain("<img", gone.GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.Contains("image 'thames.jpg' does not exist; its alt text is shown instead", Warnings(gone));
        Assert.Equal(0, gone.GetProperty("media").GetArrayLength());
    }

    [Fact]
    public async Task A_link_to_another_posts_file_becomes_a_link_to_its_page_and_follows_it()
    {
        await archive.UploadAsync("1858/cholera-map.md", Post("cholera_map", "The cholera map", "See [the stink](great-stink.md#cause) and [a draft](../notes/draft.md); [back to the top](cholera-map.md#top)."));
        var before = await archive.GetJsonAsync("posts/cholera_map");
        Assert.Contains("link to '1858/great-stink.md': it does not exist; its text is shown instead", Warnings(before));
        Assert.Contains("See the stink and", before.GetProperty("html").GetString(), StringComparison.Ordinal);

        // A link to its own file resolves at once: its own ingest, a new page to link to, renders it again.
        var origin = archive.Http.BaseAddress!.GetLeftPart(UriPartial.Authority);
        Assert.Contains($"<a href=\"{origin}/posts/cholera_map/the-cholera-map#top\">back to the top</a>", before.GetProperty("html").GetString(), StringComparison.Ordinal);

        await archive.UploadAsync("1858/great-stink.md", Post("great_stink", "The Great Stink of 1858", "## Cause\n\nSewage."));
        await archive.UploadAsync("notes/draft.md", "---\ntitle: Draft\ndraft: true\n---\nnot yet\n");
        var after = await archive.GetJsonAsync("posts/cholera_map");
        Assert.Contains($"<a href=\"{origin}/posts/great_stink/the-great-stink-of-1858#cause\">the stink</a>", after.GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.Contains("link to 'notes/draft.md': it is a draft; its text is shown instead", Warnings(after));

        // The linked post's title changes its slug: the link follows.
        await archive.UploadAsync("1858/great-stink.md", Post("great_stink", "The Stink", "## Cause\n\nSewage."));
        Assert.Contains($"{origin}/posts/great_stink/the-stink#cause", (await archive.GetJsonAsync("posts/cholera_map")).GetProperty("html").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Image_bytes_decide_what_an_image_is_and_hostile_ones_are_rejected_with_a_reason()
    {
        Assert.Equal(IngestOutcome.Added, (await archive.UploadAsync("jpeg-named.png", TestImages.Jpeg(100, 50))).Outcome);
        using (var served = await archive.Http.GetAsync("media/jpeg-named.png"))
        {
            Assert.Equal("image/jpeg", served.Content.Headers.ContentType!.MediaType);
        }

        var rejected = new Dictionary<string, byte[]>
        {
            ["page.png"] = Encoding.UTF8.GetBytes("<!doctype html><script>alert(1)</script>"),
            ["bomb.png"] = TestImages.PixelBomb(),
            ["truncated.png"] = TestImages.Truncated(),
            ["photo.avif"] = [0, 0, 0, 0x1C, .. "ftypavif"u8.ToArray(), 0, 0, 0, 0],
            ["huge.jpg"] = TestImages.HugeMetadata(2_100_000),
            ["frames.gif"] = TestImages.AnimatedGif(20_000, 64, 64),
        };
        foreach (var (name, bytes) in rejected)
        {
            Assert.Equal(IngestOutcome.Rejected, (await archive.UploadAsync(name, bytes)).Outcome);
        }

        var reasons = await archive.RejectionsAsync();
        Assert.StartsWith("its bytes are not a PNG, JPEG, GIF, WebP, AVIF or SVG image", reasons["page.png"], StringComparison.Ordinal);
        Assert.Equal("image is 100000 × 100000 pixels, over the limit of 40,000,000 pixels", reasons["bomb.png"]);
        Assert.Contains("truncated", reasons["truncated.png"], StringComparison.Ordinal);
        Assert.StartsWith("AVIF images are not read here", reasons["photo.avif"], StringComparison.Ordinal);
        Assert.StartsWith("image is 2100", reasons["huge.jpg"], StringComparison.Ordinal);
        Assert.Equal("image is 64 × 64 pixels × 20000 frames, over the limit of 40,000,000 pixels", reasons["frames.gif"]);

        // A polyglot is served as the GIF it is, never as script or HTML.
        await archive.UploadAsync("polyglot.gif", TestImages.Polyglot());
        using var polyglot = await archive.Http.GetAsync("media/polyglot.gif");
        Assert.Equal("image/gif", polyglot.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", polyglot.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Svg_is_served_sandboxed_and_photos_lose_their_metadata_but_keep_their_orientation()
    {
        await archive.UploadAsync("chart.svg", Encoding.UTF8.GetBytes(TestImages.HostileSvg));
        using (var svg = await archive.Http.GetAsync("media/chart.svg"))
        {
            Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
            Assert.Contains("sandbox", svg.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.Contains("default-src 'none'", svg.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }

        await archive.UploadAsync("chart.md", Post("chart", "Chart", "![a chart](chart.svg)"));
        var chart = (await archive.GetJsonAsync("posts/chart")).GetProperty("media")[0];
        Assert.Equal((120, 80), (chart.GetProperty("width").GetInt32(), chart.GetProperty("height").GetInt32()));

        var photo = TestImages.JpegWithExif(400, 300);
        Assert.Contains(TestImages.GpsMarker, Encoding.ASCII.GetString(photo), StringComparison.Ordinal);
        await archive.UploadAsync("photo.jpg", photo);
        var served = await archive.Http.GetByteArrayAsync("media/photo.jpg");
        Assert.DoesNotContain(TestImages.GpsMarker, Encoding.ASCII.GetString(served), StringComparison.Ordinal);
        Assert.DoesNotContain("Exif", Encoding.ASCII.GetString(served), StringComparison.Ordinal);
        using var decoded = SKBitmap.Decode(served);
        // Taken on its side (orientation 6): served turned, 300 wide and 400 high.
        Assert.Equal((300, 400), (decoded.Width, decoded.Height));
    }

    [Fact]
    public async Task A_reconcile_picks_up_images_already_in_the_container_and_renders_their_posts()
    {
        await archive.PutBlobAsync("old/post.md", Encoding.UTF8.GetBytes(Post("old_post", "Old post", "![a plan](plan.png)")));
        await archive.PutBlobAsync("old/plan.png", TestImages.Png(500, 500));
        var report = await archive.Reconciler.ReconcileAsync(recomputeTotals: false, CancellationToken.None);
        Assert.Equal(2, report.Added);
        var post = await archive.GetJsonAsync("posts/old_post");
        Assert.Equal("old/plan.png", post.GetProperty("media")[0].GetProperty("blob").GetString());
        Assert.Equal([480], post.GetProperty("media")[0].GetProperty("variants").EnumerateArray().Select(v => v.GetProperty("width").GetInt32()));

        // A post stored by an earlier rendering version is rendered again by the next reconcile, without an upload.
        var record = await archive.Store.FindAsync<Archive.Storage.Tables.BlobEntity>(Archive.Storage.Tables.RowKeys.Blob("old/post.md"), CancellationToken.None);
        record!.Rendering = 1;
        await archive.Store.Table.UpdateEntityAsync(record, record.ETag);
        await archive.Reconciler.ReconcileAsync(recomputeTotals: false, CancellationToken.None);
        var rendered = await archive.Store.FindAsync<Archive.Storage.Tables.BlobEntity>(Archive.Storage.Tables.RowKeys.Blob("old/post.md"), CancellationToken.None);
        Assert.Equal(Archive.Core.Markdown.Rendering.Version, rendered!.Rendering);
    }

    [Fact]
    public async Task A_repeated_event_renders_the_posts_a_failed_first_try_left_behind()
    {
        await archive.UploadAsync("retry/post.md", Post("retry_post", "Retry", "![a port](port.png)"));
        var row = await archive.Store.FindAsync<Archive.Storage.Tables.DependentEntity>(
            Archive.Storage.Tables.RowKeys.Dependent(Archive.Storage.Tables.RowKeys.NameHash("retry/port.png"), "retry/post.md"), CancellationToken.None);
        Assert.NotNull(row);

        // The image's first ingest commits but never reaches its dependents (as if the query failed): here, the row is hidden from it.
        await archive.Store.Table.DeleteEntityAsync(row!.PartitionKey, row.RowKey);
        Assert.Equal(IngestOutcome.Added, (await archive.UploadAsync("retry/port.png", TestImages.Png(200, 100))).Outcome);
        Assert.Equal(0, (await archive.GetJsonAsync("posts/retry_post")).GetProperty("media").GetArrayLength());

        // The event again (the trigger's retry): the image is unchanged, and its dependents are rendered again.
        await archive.Store.Table.UpsertEntityAsync(row);
        Assert.Equal(IngestOutcome.Unchanged, (await archive.Ingestor.IngestAsync("retry/port.png", CancellationToken.None)).Outcome);
        Assert.Equal(1, (await archive.GetJsonAsync("posts/retry_post")).GetProperty("media").GetArrayLength());
    }

    [Fact]
    public async Task With_the_local_watcher_an_image_uploaded_alone_shows_in_its_post_and_in_the_feeds()
    {
        // The local host as `archive serve` runs it: the watcher finds uploads; nothing calls the ingestor here.
        await using var watched = await TestArchive.StartAsync(azurite, new Dictionary<string, string?> { ["Archive:WatchIntervalSeconds"] = "1" });
        await watched.PutBlobAsync("watch/post.md", Encoding.UTF8.GetBytes(Post("watched", "Watched", "![a view of the port](view.webp)")));
        await Eventually.UntilAsync(() => watched.Http.GetAsync("posts/watched"), r => r.StatusCode == HttpStatusCode.OK);

        var uploaded = System.Diagnostics.Stopwatch.StartNew();
        await watched.PutBlobAsync("watch/view.webp", Webp(TestImages.Png(300, 200)));
        var post = await Eventually.UntilAsync(() => watched.GetJsonAsync("posts/watched"), p => p.GetProperty("media").GetArrayLength() == 1);
        output.WriteLine($"the post showed the image {uploaded.ElapsedMilliseconds} ms after it was uploaded");
        Assert.Equal("image/webp", post.GetProperty("media")[0].GetProperty("type").GetString());

        // Feeds carry the post's HTML with absolute URLs only.
        var origin = watched.Http.BaseAddress!.GetLeftPart(UriPartial.Authority);
        var feed = await watched.GetJsonAsync("feed.json");
        var content = feed.GetProperty("items")[0].GetProperty("content_html").GetString()!;
        Assert.Contains($"src=\"{origin}/api/media/watch/view.webp?v=", content, StringComparison.Ordinal);
        var atom = await watched.Http.GetStringAsync("feed.xml");
        Assert.Contains($"&lt;img src=\"{origin}/api/media/watch/view.webp?v=", atom, StringComparison.Ordinal);
        Assert.DoesNotContain("archive://", atom, StringComparison.Ordinal);
    }

    private static byte[] Webp(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Webp, 80).ToArray();
    }

    private static List<string> Warnings(JsonElement post) => [.. post.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!)];

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}
