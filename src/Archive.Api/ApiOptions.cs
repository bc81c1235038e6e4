using System.ComponentModel.DataAnnotations;

namespace Archive.Api;

/// <summary>How the API answers (section "Archive" of the configuration).</summary>
public sealed class ApiOptions
{
    /// <summary><c>Cache-Control: public, max-age=N</c> on public GETs.</summary>
    [Range(0, 86_400)]
    public int CacheMaxAgeSeconds { get; set; } = 60;

    /// <summary>
    /// Seconds this instance reuses the totals it read (their version is every public ETag); 0
    /// reads them on every request. Response bodies are kept per version, so nothing served is
    /// staler than this.
    /// </summary>
    [Range(0, 60)]
    public double ReadCacheSeconds { get; set; } = 1;

    /// <summary>
    /// Bytes of response bodies this instance keeps (each body counted at its length); past it the
    /// least recently used go. No request, whatever its query, can make the cache grow past this.
    /// </summary>
    [Range(0, 4L * 1024 * 1024 * 1024)]
    public long ReadCacheBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Origins allowed by CORS (the local host; in Azure the Function App's CORS setting).</summary>
    public string[] CorsOrigins { get; set; } = ["*"];

    /// <summary>
    /// The one origin of pages, media and the API (§12): absolute URLs (a feed item's
    /// <c>posts/{id}/{slug}</c>, images, canonical links) start with it. Unset, they name the origin
    /// each request came to (locally the local host's own address).
    /// </summary>
    [Url]
    public string? SiteUrl { get; set; }

    /// <summary>The feeds' title.</summary>
    [StringLength(200, MinimumLength = 1)]
    public string FeedTitle { get; set; } = "Archive";

    /// <summary>The feeds' author (a name).</summary>
    [StringLength(200, MinimumLength = 1)]
    public string FeedAuthor { get; set; } = "Archive";

    /// <summary>The key admin routes of the local host require (header <c>x-functions-key</c> or query <c>code</c>).</summary>
    public string? AdminKey { get; set; }
}
