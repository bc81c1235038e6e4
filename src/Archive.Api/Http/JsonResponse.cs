using System.Security.Cryptography;
using System.Text.Json;
using Archive.Core.Contract;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Archive.Api.Http;

/// <summary>
/// A JSON response with an ETag and Cache-Control; a request whose <c>If-None-Match</c> holds that
/// ETag gets 304 and no body. Handlers check <see cref="NotModified"/> before reading anything
/// more than the ETag's source.
/// </summary>
public sealed class JsonResponse(object body, string etag, string cacheControl, int status = StatusCodes.Status200OK) : IResult
{
    public static string PublicCache(int maxAgeSeconds) => $"public, max-age={maxAgeSeconds}";

    public const string NoStore = "no-store";

    /// <summary>A 304 when the client already holds <paramref name="etag"/>, else null.</summary>
    public static IResult? NotModified(HttpRequest request, string etag, string cacheControl) =>
        Matches(request, etag) ? new NotModifiedResult(etag, cacheControl) : null;

    /// <summary>A response whose ETag is the hash of its own body (for bodies with no cheaper version to derive it from).</summary>
    public static IResult HashedBody(HttpRequest request, object body, string cacheControl, int status = StatusCodes.Status200OK)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, ArchiveJson.Options);
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..20]}\"";
        return NotModified(request, etag, cacheControl) ?? new JsonResponse(body, etag, cacheControl, status);
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = status;
        response.Headers.ETag = etag;
        response.Headers.CacheControl = cacheControl;
        response.ContentType = "application/json; charset=utf-8";
        if (body is Utf8Json serialized)
        {
            response.ContentLength = serialized.Bytes.Length;
            await response.Body.WriteAsync(serialized.Bytes, httpContext.RequestAborted);
            return;
        }

        await JsonSerializer.SerializeAsync(response.Body, body, body.GetType(), ArchiveJson.Options, httpContext.RequestAborted);
    }

    private static bool Matches(HttpRequest request, string etag)
    {
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0 || !EntityTagHeaderValue.TryParseList(header, out var tags))
        {
            return false;
        }

        var current = new EntityTagHeaderValue(etag);
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false));
    }

    private sealed class NotModifiedResult(string etag, string cacheControl) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status304NotModified;
            httpContext.Response.Headers.ETag = etag;
            httpContext.Response.Headers.CacheControl = cacheControl;
            return Task.CompletedTask;
        }
    }
}
