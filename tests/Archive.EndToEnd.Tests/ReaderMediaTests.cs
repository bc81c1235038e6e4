using Archive.Cli.Local;
using Microsoft.Playwright;

namespace Archive.EndToEnd.Tests;

/// <summary>§11 in the reader, in Chromium: an image post at a phone's and a desktop's width, a link between posts followed, a missing image's text.</summary>
public sealed class ReaderMediaTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private TestArchive archive = null!;
    private ReaderBrowser browser = null!;
    private readonly List<string> errors = [];

    private Uri Site => new(archive.Http.BaseAddress!, "/");

    public async Task InitializeAsync()
    {
        archive = await TestArchive.StartAsync(azurite);
        await archive.UploadAsync("city/plan.png", TestImages.Png(1600, 900));
        await archive.UploadAsync("city/walls.md", "---\ntitle: The city walls\nthread_id: city_walls\ndate: 2026-01-02\n---\n\nThe walls came down in 1860.\n");
        await archive.UploadAsync("city/plan.md",
            "---\ntitle: A plan of the city\nthread_id: city_plan\ndate: 2026-01-03\n---\n\n![plan of the city in 1850](plan.png)\n\nSee [the walls](walls.md) on it.\n\n![the harbour in 1850](harbour.png)\n");
        browser = await ReaderBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await archive.DisposeAsync();
    }

    [Fact]
    public async Task An_image_post_fits_both_widths_with_no_layout_shift_and_its_link_opens_the_other_post()
    {
        foreach (var (device, width, height) in new[] { ("desktop", 1280, 900), ("phone", 390, 844) })
        {
            var page = await browser.NewPageAsync(errors, width, height);
            // The reader's old URL answers 301 to the post's page (§10).
            await page.GotoAsync(new Uri(Site, "?post=city_plan").ToString());
            await page.WaitForSelectorAsync("article[data-id='city_plan']");
            var image = page.Locator("article .post-body img");
            await Assertions.Expect(image).ToHaveCountAsync(1);
            // Its size is in the HTML before it loads: the layout does not move when it arrives.
            Assert.Equal("1600", await image.GetAttributeAsync("width"));
            Assert.Equal("900", await image.GetAttributeAsync("height"));
            Assert.Equal("plan of the city in 1850", await image.GetAttributeAsync("alt"));
            await page.WaitForFunctionAsync("() => { const i = document.querySelector('article .post-body img'); return i.complete && i.naturalWidth > 0; }");
            var (shown, source) = (await image.EvaluateAsync<double>("i => i.getBoundingClientRect().width"), await image.EvaluateAsync<string>("i => i.currentSrc"));
            Assert.True(shown <= width, $"{device}: the image is {shown} px wide in a {width} px viewport");
            if (device == "phone")
            {
                // A phone takes the 480 px WebP variant, not the 1600 px original.
                Assert.EndsWith("&w=480", source, StringComparison.Ordinal);
            }
            var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(scrollWidth <= width, $"{device}: {scrollWidth} px wide in a {width} px viewport");
            Assert.Contains("the harbour in 1850", await page.Locator("article .post-body").TextContentAsync(), StringComparison.Ordinal);
            await page.ScreenshotAsync(new() { Path = Path.Combine(ReaderBrowser.ArtifactsFolder, $"{device}-image-post.png") });

            if (device == "phone")
            {
                await page.GetByRole(AriaRole.Link, new() { Name = "the walls" }).ClickAsync();
                await page.WaitForSelectorAsync("article[data-id='city_walls']");
                Assert.Equal("The city walls", await page.Locator("article > h1").TextContentAsync());
            }
        }

        var warnings = (await archive.GetJsonAsync("posts/city_plan")).GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).ToList();
        Assert.Contains("image 'city/harbour.png' does not exist; its alt text is shown instead", warnings);
        Assert.Empty(errors);
    }
}
