using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Archive.Api.Http;

/// <summary>
/// Which encoding a client accepts for a JSON body: Brotli before gzip, by the client's
/// <c>Accept-Encoding</c> weights (<c>q=0</c> refuses). Each encoding has its own ETag (the
/// plain one with <c>-br</c> or <c>-gzip</c> inside the quotes), as RFC 9110 asks of
/// representations that differ, and <c>If-None-Match</c> with any of them matches the version.
/// </summary>
public static class ContentCoding
{
    public const string Brotli = "br";
    public const string Gzip = "gzip";
    public const string Identity = "identity";

    public static string Choose(HttpRequest request, int length)
    {
        if (length < Utf8Json.CompressFrom || !StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding, out var offered))
        {
            return Identity;
        }

        // A coding named outright wins over "*" (so "*, br;q=0" refuses Brotli).
        double Weight(string coding) =>
            offered.Where(o => StringSegment.Equals(o.Value, coding, StringComparison.OrdinalIgnoreCase)).Select(o => o.Quality ?? 1).DefaultIfEmpty(-1).Max() is var named and >= 0
                ? named
                : offered.Where(o => o.Value == "*").Select(o => o.Quality ?? 1).DefaultIfEmpty(0).Max();

        var (br, gzip) = (Weight(Brotli), Weight(Gzip));
        return br > 0 && br >= gzip ? Brotli : gzip > 0 ? Gzip : Identity;
    }

    /// <summary>The ETag of a body's <paramref name="encoding"/> form.</summary>
    public static string ETag(string etag, string encoding) =>
        encoding == Identity ? etag : etag.Insert(etag.Length - 1, "-" + encoding);

    /// <summary>The plain ETag a (possibly encoded) tag names.</summary>
    public static StringSegment Plain(StringSegment tag)
    {
        foreach (var suffix in new[] { "-" + Brotli + "\"", "-" + Gzip + "\"" })
        {
            if (tag.EndsWith(suffix, StringComparison.Ordinal))
            {
                return tag.Substring(0, tag.Length - suffix.Length) + "\"";
            }
        }

        return tag;
    }
}
