using Archive.Api.Contracts;

namespace Archive.Pages.Site;

/// <summary>
/// What a page's head says of it (§12): title, description, canonical path, Open Graph and
/// Twitter fields, JSON-LD, paging links. Paths are relative to the site's origin; the layout makes
/// them absolute.
/// </summary>
public sealed record PageHead(string Title, string Description, string Path)
{
    /// <summary>Which section of the site's navigation the page is in (marked with <c>aria-current</c>).</summary>
    public string? Section { get; init; }

    /// <summary><c>og:type</c>: <c>article</c> for a post, else <c>website</c>.</summary>
    public string Type { get; init; } = "website";

    /// <summary>The page's own image (a post's first), else the site's default is shown.</summary>
    public ImageRef? Image { get; init; }

    public PostSummary? Article { get; init; }

    /// <summary>The post's JSON-LD <c>BlogPosting</c>, already serialized (and escaped for a script element).</summary>
    public string? JsonLd { get; init; }

    public bool NoIndex { get; init; }

    /// <summary>The previous and next numbered pages' paths, for <c>rel="prev"</c>/<c>"next"</c>.</summary>
    public string? Previous { get; init; }

    public string? Next { get; init; }
}

/// <summary>The site as every page names it: its title, author, language, default image and assets.</summary>
public sealed record SiteInfo(string Title, string Author, string Language, bool Indexable, ImageRef DefaultImage)
{
    /// <summary>The absolute URL of a site path: pages are rendered with the origin's token, replaced per origin when served (as the API's bodies are).</summary>
    public static string Absolute(string path) => path.StartsWith(Core.Model.SiteOrigin.Token, StringComparison.Ordinal) || path.StartsWith("http", StringComparison.Ordinal)
        ? path
        : Core.Model.SiteOrigin.Token + path;
}
