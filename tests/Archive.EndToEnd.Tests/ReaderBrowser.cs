using Archive.Cli.Local;
using Microsoft.Playwright;

namespace Archive.EndToEnd.Tests;

/// <summary>
/// Debian's chromium driven by Playwright (its own browser download cannot reach the internet
/// here): found at ARCHIVE_CHROMIUM or the usual paths; test.sh and .ci/run install it when missing.
/// Every console error and page error of a page is kept, so a test can assert there were none
/// (a script or style the CSP refused shows up there).
/// </summary>
public sealed class ReaderBrowser : IAsyncDisposable
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    private readonly IPlaywright playwright;

    private ReaderBrowser(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>Where screenshots and first-load figures go: artifacts/reader/ (git-ignored), kept by CI.</summary>
    public static string ArtifactsFolder =>
        Directory.CreateDirectory(Path.Combine(RepositoryPaths.Root ?? AppContext.BaseDirectory, "artifacts", "reader")).FullName;

    public static async Task<ReaderBrowser> LaunchAsync()
    {
        var executable = Environment.GetEnvironmentVariable("ARCHIVE_CHROMIUM") is { Length: > 0 } set ? set : Candidates.FirstOrDefault(File.Exists);
        Assert.True(executable is not null && File.Exists(executable),
            "The reader's browser tests need Chromium: apt-get install chromium (test.sh does it when run as root), or set ARCHIVE_CHROMIUM.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = executable, Headless = true });
        return new ReaderBrowser(playwright, browser);
    }

    /// <summary>A fresh page (no cache, no cookies) of the given width, its errors collected in <paramref name="errors"/>.</summary>
    public async Task<IPage> NewPageAsync(List<string> errors, int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => errors.Add($"page error: {error}");
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}
