namespace Archive.Pages;

/// <summary>One page route: its function name in the Functions app, its template (from the site's root) and its handler.</summary>
public sealed record PageRoute(string Name, string Template, Func<SitePages, SiteFiles, PageCall, CancellationToken, Task<IResult>> Handler)
{
    /// <summary>The template's route parameters, in order (a post page has two).</summary>
    public IReadOnlyList<string> Parameters { get; } =
        [.. System.Text.RegularExpressions.Regex.Matches(Template, @"\{\*?(?<name>[a-z]+)[:?}]", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)).Select(m => m.Groups["name"].Value)];
}

/// <summary>
/// The site's routes (§12), as constants so the Functions attributes and the local host share them.
/// With <c>routePrefix</c> "" the API's routes are spelled <c>api/...</c>; these never start with
/// <c>api</c>, <c>admin</c> or <c>runtime</c>, so they shadow neither the API nor the Functions host's
/// own <c>/admin/*</c> and <c>/runtime/webhooks/*</c>.
/// </summary>
public static class PageRoutes
{
    /// <summary>
    /// The site's root: the Functions host matches no empty route, so an optional parameter that can only be
    /// empty stands for it (Azure/Azure-Functions#2473; the host's own page is off: AzureWebJobsDisableHomepage).
    /// </summary>
    public const string Home = "{root:maxlength(0)?}";
    public const string Post = "posts/{id}/{slug?}";
    public const string Themes = "themes";
    public const string Theme = "themes/{slug}";
    public const string Tags = "tags";
    public const string Tag = "tags/{key}";
    public const string ReadingTime = "reading-time";
    public const string Search = "search";
    public const string Sitemap = "sitemap.xml";
    public const string SitemapPart = "sitemap-{part}.xml";
    public const string Robots = "robots.txt";
    public const string Favicon = "favicon.ico";
    public const string ShareImage = "share.png";
    public const string Asset = "assets/{name}";

    /// <summary>Any other path outside /api, /admin and /runtime: the site's 404 page.</summary>
    public const string NotFound = "{first:regex(^(?!api$|admin$|runtime$))}/{*rest}";

    /// <summary>Any other path under /api: a problem+json 404, as the API answers (§12).</summary>
    public const string ApiNotFound = "api/{*rest}";

    public const string HomeName = "PageHome";
    public const string PostName = "PagePost";
    public const string ThemesName = "PageThemes";
    public const string ThemeName = "PageTheme";
    public const string TagsName = "PageTags";
    public const string TagName = "PageTag";
    public const string ReadingTimeName = "PageReadingTime";
    public const string SearchName = "PageSearch";
    public const string SitemapName = "Sitemap";
    public const string SitemapPartName = "SitemapPart";
    public const string RobotsName = "Robots";
    public const string FaviconName = "Favicon";
    public const string ShareImageName = "ShareImage";
    public const string AssetName = "Asset";
    public const string NotFoundName = "PageNotFound";
    public const string ApiNotFoundName = "ApiNotFound";

    public static readonly IReadOnlyList<PageRoute> All =
    [
        new(HomeName, Home, (p, _, c, t) => p.HomeAsync(c, t)),
        new(PostName, Post, (p, _, c, t) => p.PostAsync(c, t)),
        new(ThemesName, Themes, (p, _, c, t) => p.ThemesAsync(c, t)),
        new(ThemeName, Theme, (p, _, c, t) => p.ThemeAsync(c, t)),
        new(TagsName, Tags, (p, _, c, t) => p.TagsAsync(c, t)),
        new(TagName, Tag, (p, _, c, t) => p.TagAsync(c, t)),
        new(ReadingTimeName, ReadingTime, (p, _, c, t) => p.ReadingTimeAsync(c, t)),
        new(SearchName, Search, (p, _, c, t) => p.SearchAsync(c, t)),
        new(SitemapName, Sitemap, (_, f, c, t) => f.SitemapAsync(c, t)),
        new(SitemapPartName, SitemapPart, (_, f, c, t) => f.SitemapPartAsync(c, t)),
        new(RobotsName, Robots, (_, f, c, t) => f.RobotsAsync(c, t)),
        new(FaviconName, Favicon, (_, f, c, t) => f.FaviconAsync(c, t)),
        new(ShareImageName, ShareImage, (_, f, c, t) => f.ShareImageAsync(c, t)),
        new(AssetName, Asset, (_, f, c, t) => f.AssetAsync(c, t)),
        new(NotFoundName, NotFound, (p, _, c, t) => p.NotFoundAsync(c, "There is no page at this address.", t)),
        new(ApiNotFoundName, ApiNotFound, (_, _, c, _) => Task.FromResult(Api.Http.ApiProblem.NotFound($"There is no API route {c.Request.Path}."))),
    ];
}
