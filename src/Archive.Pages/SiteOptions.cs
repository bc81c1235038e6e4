using System.ComponentModel.DataAnnotations;

namespace Archive.Pages;

/// <summary>The site's own settings (section "Archive", §12); the origin is <c>Archive:SiteUrl</c> of the API's options.</summary>
public sealed class SiteOptions
{
    /// <summary>The site's name in every title, <c>og:site_name</c> and the default share image. Unset: the feeds' title.</summary>
    [StringLength(200, MinimumLength = 1)]
    public string? SiteTitle { get; set; }

    /// <summary>The author of every post (JSON-LD, <c>article:author</c>). Unset: the feeds' author.</summary>
    [StringLength(200, MinimumLength = 1)]
    public string? SiteAuthor { get; set; }

    /// <summary>The pages' <c>lang</c> (a BCP 47 tag).</summary>
    [RegularExpression("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    public string SiteLanguage { get; set; } = "en";

    /// <summary>The share image of posts without one (an absolute URL). Unset: one made from the site's title, 1200 × 630.</summary>
    [Url]
    public string? SiteImage { get; set; }

    /// <summary>Its size, when <see cref="SiteImage"/> is set (Open Graph asks for both).</summary>
    [Range(1, 10_000)]
    public int SiteImageWidth { get; set; } = 1200;

    [Range(1, 10_000)]
    public int SiteImageHeight { get; set; } = 630;

    /// <summary>False for a staging copy: robots.txt disallows everything and every page says <c>noindex</c>.</summary>
    public bool Indexable { get; set; } = true;

    /// <summary>
    /// Images from other origins in posts (the owner's choice; they load without a referrer). False:
    /// the pages' policy allows only the archive's own images, and such an image shows its alt text.
    /// </summary>
    public bool ExternalImages { get; set; } = true;

    /// <summary>URLs in one sitemap (the protocol's limit is 50,000); past it <c>/sitemap.xml</c> is an index of parts.</summary>
    [Range(1, 50_000)]
    public int SitemapUrls { get; set; } = 50_000;
}
