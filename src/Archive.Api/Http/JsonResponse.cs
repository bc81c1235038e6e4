using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Archive.Api.Http;

/// <summary>
/// A JSON response with an ETag and Cache-Control; a request whose <c>If-None-Match</c> holds that
/// ETag gets 304 and no body. Handlers check <see cref="NotModified"/> before reading anything
/// more than the ETag's source. Bodies of a kilobyte or more go out gzip- or Brotli-encoded when
/// the client asks (<see cref="ContentCoding"/>), from bytes compressed once per body.
/// </summary>
public sealed class JsonResponse(object body, string etag, string cacheControl, int status = StatusCodes.Status200OK, string contentType = JsonResponse.JsonType) : IResult
{
    public const string JsonType = "application/json; charset=utf-8";

    private readonly Utf8Json json = Utf8Json.From(body)!;

    public static string PublicCache(int maxAgeSeconds) => $"public, max-age={maxAgeSeconds}";

    public const string NoStore = "no-store";

    /// <summary>A 304 when the client already holds <paramref name="etag"/> (in any encoding), else null.</summary>
    public static IResult? NotModified(HttpRequest request, string etag, string cacheControl) =>
        Matching(request, etag) is { } held ? new NotModifiedResult(held, cacheControl) : null;

    /// <summary>A response whose ETag is the hash of its own body (for bodies with no cheaper version to derive it from).</summary>
    public static IResult HashedBody(HttpRequest request, object body, string cacheControl, int status = StatusCodes.Status200OK, string contentType = JsonType)
    {
        var json = Utf8Json.From(body)!;
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(json.Bytes.Span))[..20]}\"";
        return NotModified(request, etag, cacheControl) ?? new JsonResponse(json, etag, cacheControl, status, contentType);
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var json = this.json.ForOrigin(SiteAddress.Origin(httpContext.Request));
        var encoding = ContentCoding.Choose(httpContext.Request, json.Bytes.Length);
        var bytes = json.Encoded(encoding);
        response.StatusCode = status;
        response.Headers.ETag = ContentCoding.ETag(etag, encoding);
        response.Headers.CacheControl = cacheControl;
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        if (encoding != ContentCoding.Identity)
        {
            response.Headers.ContentEncoding = encoding;
        }

        response.ContentType = contentType;
        response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(httpContext.Request.Method))
        {
            await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
        }
    }

    /// <summary>The tag of the client's <c>If-None-Match</c> that names <paramref name="etag"/> (any encoding of it), or null.</summary>
    private static string? Matching(HttpRequest request, string etag)
    {
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0 || !EntityTagHeaderValue.TryParseList(header, out var tags))
        {
            return null;
        }

        var current = new EntityTagHeaderValue(etag);
        foreach (var tag in tags)
        {
            if (tag.Equals(EntityTagHeaderValue.Any))
            {
                return etag;
            }

            if (new EntityTagHeaderValue(ContentCoding.Plain(tag.Tag), tag.IsWeak).Compare(current, useStrongComparison: false))
            {
                return tag.Tag.ToString();
            }
        }

        return null;
    }

    private sealed class NotModifiedResult(string etag, string cacheControl) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status304NotModified;
            httpContext.Response.Headers.ETag = etag;
            httpContext.Response.Headers.CacheControl = cacheControl;
            httpContext.Response.Headers.Vary = HeaderNames.AcceptEncoding;
            return Task.CompletedTask;
        }
    }
}
