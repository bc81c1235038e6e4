using Archive.Api.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Pages.Site;

/// <summary>
/// The headers every page and asset carries (§10, §12): a policy under which no inline script runs
/// (JSON-LD is data, not script), no sniffing, no framing.
/// </summary>
public static class PageResponse
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>With <c>Archive:ExternalImages</c> false: images only from the archive's own media (§11), so no image in a post can see who reads it.</summary>
    public const string OwnImagesPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public const string HtmlType = "text/html; charset=utf-8";

    /// <summary>An HTML body with its ETag (304 when held) and the page headers.</summary>
    public static IResult Html(HttpRequest request, Utf8Json body, string etag, string cacheControl, int status = StatusCodes.Status200OK) =>
        WithHeaders(JsonResponse.NotModified(request, etag, cacheControl) ?? new JsonResponse(body, etag, cacheControl, status, HtmlType));

    /// <summary>A 301 to the page's canonical path (a site path; query kept out).</summary>
    public static IResult MovedTo(string path, string cacheControl) => WithHeaders(new Moved(path, cacheControl));

    public static IResult WithHeaders(IResult inner) => new Headed(inner);

    private sealed class Headed(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var headers = httpContext.Response.Headers;
            headers.ContentSecurityPolicy = httpContext.RequestServices?.GetService<Microsoft.Extensions.Options.IOptions<SiteOptions>>()?.Value.ExternalImages == false
                ? OwnImagesPolicy
                : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            return inner.ExecuteAsync(httpContext);
        }
    }

    private sealed class Moved(string path, string cacheControl) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            httpContext.Response.Headers.Location = path;
            httpContext.Response.Headers.CacheControl = cacheControl;
            return Task.CompletedTask;
        }
    }
}
