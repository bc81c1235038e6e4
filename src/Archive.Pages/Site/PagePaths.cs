using Archive.Api.Contracts;

namespace Archive.Pages.Site;

/// <summary>The site's paths (§12), one place for each: pages link with these, redirects answer with them, the sitemap lists them.</summary>
public static class PagePaths
{
    public const string Home = "/";
    public const string Themes = "/themes";
    public const string Tags = "/tags";
    public const string ReadingTime = "/reading-time";
    public const string Search = "/search";
    public const string Sitemap = "/sitemap.xml";
    public const string ShareImage = "/share.png";

    public static string Post(string id, string slug) => $"/posts/{Uri.EscapeDataString(id)}/{Uri.EscapeDataString(slug)}";

    public static string Post(PostSummary post) => Post(post.Id, post.Slug);

    public static string Theme(string slug) => "/themes/" + Uri.EscapeDataString(slug);

    public static string Tag(string key) => "/tags/" + Uri.EscapeDataString(key);

    public static string Query(string q) => Search + "?q=" + Uri.EscapeDataString(q);

    /// <summary>A list's numbered page: the first has no number, so it has one URL.</summary>
    public static string Numbered(string path, int page) => page <= 1 ? path : $"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}page={page}";

    public static string SitemapPart(int part) => $"/sitemap-{part}.xml";
}
