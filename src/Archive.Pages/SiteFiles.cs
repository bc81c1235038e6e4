using System.Xml;
using Archive.Api;
using Archive.Api.Endpoints;
using Archive.Api.Http;
using Archive.Pages.Site;
using Archive.Storage.Reading;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Archive.Pages;

/// <summary>
/// What crawlers and browsers ask a site for besides its pages (§12): the sitemap (an index of parts
/// past <see cref="SiteOptions.SitemapUrls"/> URLs), robots.txt, the icon, the default share image,
/// and the reader's script and style.
/// </summary>
public sealed class SiteFiles(PostReader reader, ReadCache cache, SitePages pages, IOptions<SiteOptions> options)
{
    public const string Immutable = "public, max-age=31536000, immutable";

    private const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private readonly Lazy<Utf8Json> shareImage = new(() => new Utf8Json(ShareImage.Make(pages.Site.Title)));

    private readonly Lazy<Utf8Json> icon = new(() => new Utf8Json(ShareImage.Icon()));

    /// <summary><c>/sitemap.xml</c>: every URL when they fit one sitemap, else an index of its parts.</summary>
    public async Task<IResult> SitemapAsync(PageCall call, CancellationToken cancellationToken)
    {
        var snapshot = await cache.TotalsAsync(cancellationToken);
        var etag = snapshot.ETag;
        if (JsonResponse.NotModified(call.Request, etag, pages.PublicCache) is { } notModified)
        {
            return notModified;
        }

        var body = await cache.BodyAsync(etag, "sitemap", async () =>
        {
            var urls = await UrlsAsync(snapshot, cancellationToken);
            var limit = options.Value.SitemapUrls;
            return urls.Count <= limit ? UrlSet(urls) : Index((urls.Count + limit - 1) / limit, urls.Max(u => u.LastModified));
        });
        return Xml(body!, etag);
    }

    /// <summary><c>/sitemap-{n}.xml</c>: the nth part (from 1) when the sitemap is an index.</summary>
    public async Task<IResult> SitemapPartAsync(PageCall call, CancellationToken cancellationToken)
    {
        var snapshot = await cache.TotalsAsync(cancellationToken);
        var etag = snapshot.ETag;
        if (!int.TryParse(call.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var part) || part < 1)
        {
            return await pages.NotFoundAsync(call, "There is no such part of the sitemap.", cancellationToken);
        }

        if (JsonResponse.NotModified(call.Request, etag, pages.PublicCache) is { } notModified)
        {
            return notModified;
        }

        var body = await cache.BodyAsync(etag, "sitemap|" + part, async () =>
        {
            var urls = await UrlsAsync(snapshot, cancellationToken);
            var limit = options.Value.SitemapUrls;
            return urls.Count <= limit || (long)(part - 1) * limit >= urls.Count ? null : UrlSet([.. urls.Skip((part - 1) * limit).Take(limit)]);
        });
        return body is null ? await pages.NotFoundAsync(call, "There is no such part of the sitemap.", cancellationToken) : Xml(body, etag);
    }

    /// <summary><c>/robots.txt</c>: everything allowed and the sitemap named, or (not <see cref="SiteOptions.Indexable"/>) nothing allowed.</summary>
    public Task<IResult> RobotsAsync(PageCall call, CancellationToken cancellationToken)
    {
        var text = options.Value.Indexable
            ? $"User-agent: *\nAllow: /\nDisallow: /api/admin/\n\nSitemap: {Core.Model.SiteOrigin.Token}{PagePaths.Sitemap}\n"
            : "User-agent: *\nDisallow: /\n";
        return Task.FromResult(JsonResponse.HashedBody(call.Request, new Utf8Json(System.Text.Encoding.UTF8.GetBytes(text)), pages.PublicCache, contentType: "text/plain; charset=utf-8"));
    }

    public Task<IResult> ShareImageAsync(PageCall call, CancellationToken cancellationToken) =>
        Task.FromResult(File(call, shareImage.Value, "image/png", "\"share-" + call.Query("v") + "\"", call.Query("v") is not null));

    public Task<IResult> FaviconAsync(PageCall call, CancellationToken cancellationToken) =>
        Task.FromResult(File(call, icon.Value, "image/png", "\"icon\"", versioned: false));

    /// <summary><c>/assets/{name}</c>: immutable when asked for with the version the pages name, else revalidated.</summary>
    public async Task<IResult> AssetAsync(PageCall call, CancellationToken cancellationToken)
    {
        if (SiteAssets.Find(call.Value ?? string.Empty) is not { } asset)
        {
            return await pages.NotFoundAsync(call, "There is no such file.", cancellationToken);
        }

        return File(call, new Utf8Json(asset.Bytes), asset.ContentType, $"\"{asset.Hash}\"", call.Query("v") == asset.Hash);
    }

    private static IResult File(PageCall call, Utf8Json body, string contentType, string etag, bool versioned)
    {
        var cacheControl = versioned ? Immutable : "public, max-age=3600";
        return PageResponse.WithHeaders(JsonResponse.NotModified(call.Request, etag, cacheControl) ?? new JsonResponse(body, etag, cacheControl, contentType: contentType));
    }

    private static JsonResponse Xml(Utf8Json body, string etag) =>
        new JsonResponse(body, etag, JsonResponse.PublicCache(300), contentType: "application/xml; charset=utf-8");

    /// <summary>The home page, every served post with its <c>updatedAt</c>, the theme and tag pages and their lists.</summary>
    private async Task<List<SitemapUrl>> UrlsAsync(Storage.Totals.TotalsSnapshot snapshot, CancellationToken cancellationToken)
    {
        var catalog = await reader.CatalogAsync(snapshot, cancellationToken);
        var posts = catalog.Posts.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        var latest = posts.Count == 0 ? (DateTimeOffset?)null : posts.Max(p => p.Summary.UpdatedAt);
        var urls = new List<SitemapUrl> { new(PagePaths.Home, latest) };
        urls.AddRange(posts.Select(p => new SitemapUrl(PagePaths.Post(p.Summary.Id, p.Summary.Slug), p.Summary.UpdatedAt)));
        urls.Add(new SitemapUrl(PagePaths.Themes, latest));
        urls.AddRange(snapshot.Themes.Keys.Order(StringComparer.Ordinal).Select(slug => new SitemapUrl(PagePaths.Theme(slug), null)));
        urls.Add(new SitemapUrl(PagePaths.Tags, latest));
        urls.AddRange(catalog.Tags.Select(t => new SitemapUrl(PagePaths.Tag(t.Key), null)));
        urls.Add(new SitemapUrl(PagePaths.ReadingTime, latest));
        return urls;
    }

    private static Utf8Json UrlSet(IReadOnlyList<SitemapUrl> urls) => Write("urlset", writer =>
    {
        foreach (var url in urls)
        {
            writer.WriteStartElement("url", Namespace);
            writer.WriteElementString("loc", Namespace, Core.Model.SiteOrigin.Token + url.Path);
            if (url.LastModified is { } at)
            {
                writer.WriteElementString("lastmod", Namespace, PageText.Instant(at));
            }

            writer.WriteEndElement();
        }
    });

    private static Utf8Json Index(int parts, DateTimeOffset? lastModified) => Write("sitemapindex", writer =>
    {
        for (var part = 1; part <= parts; part++)
        {
            writer.WriteStartElement("sitemap", Namespace);
            writer.WriteElementString("loc", Namespace, Core.Model.SiteOrigin.Token + PagePaths.SitemapPart(part));
            if (lastModified is { } at)
            {
                writer.WriteElementString("lastmod", Namespace, PageText.Instant(at));
            }

            writer.WriteEndElement();
        }
    });

    private static Utf8Json Write(string root, Action<XmlWriter> content)
    {
        using var output = new MemoryStream();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false) }))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement(root, Namespace);
            content(writer);
            writer.WriteEndElement();
        }

        return new Utf8Json(output.ToArray());
    }

    private sealed record SitemapUrl(string Path, DateTimeOffset? LastModified);
}
