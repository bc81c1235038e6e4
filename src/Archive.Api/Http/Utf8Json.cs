using System.IO.Compression;
using System.Text.Json;
using Archive.Api.Contracts;

namespace Archive.Api.Http;

/// <summary>
/// A response body already serialized, so that a cached body is written as it is. Its gzip and
/// Brotli forms are made on first demand and kept with it: a body cached per version is
/// compressed once per version, not once per request.
/// </summary>
public sealed class Utf8Json(byte[] bytes)
{
    /// <summary>Below this, compressing saves less than the headers it costs.</summary>
    public const int CompressFrom = 1024;

    private readonly Lazy<byte[]> gzip = new(() => Compress(bytes, s => new GZipStream(s, CompressionLevel.Optimal, leaveOpen: true)));
    private readonly Lazy<byte[]> brotli = new(() => Compress(bytes, s => new BrotliStream(s, CompressionLevel.Optimal, leaveOpen: true)));

    /// <summary>Origins a body is kept absolute for (one in production: the site's); past them a copy is made per request.</summary>
    private const int KeptOrigins = 4;

    private static readonly byte[] Token = System.Text.Encoding.UTF8.GetBytes(Core.Model.SiteOrigin.Token);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Utf8Json> absolute = new(StringComparer.Ordinal);

    // Looked for once per body, not once per response: a kept body is written many times.
    private readonly Lazy<bool> holdsToken = new(() => bytes.AsSpan().IndexOf(Token) >= 0);

    public ReadOnlyMemory<byte> Bytes { get; } = bytes;

    /// <summary>
    /// The body with the site's origin where stored URLs carry <see cref="Core.Model.SiteOrigin.Token"/>
    /// (§11: images and links between posts are absolute). Made, and compressed, once per origin.
    /// </summary>
    public Utf8Json ForOrigin(string origin)
    {
        if (!holdsToken.Value)
        {
            return this;
        }

        if (absolute.TryGetValue(origin, out var kept))
        {
            return kept;
        }

        var made = new Utf8Json(System.Text.Encoding.UTF8.GetBytes(Core.Model.SiteOrigin.Absolute(System.Text.Encoding.UTF8.GetString(Bytes.Span), origin)));
        return absolute.Count < KeptOrigins ? absolute.GetOrAdd(origin, made) : made;
    }

    public static Utf8Json? From(object? body) =>
        body is null ? null : body as Utf8Json ?? new Utf8Json(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), ApiJson.Options));

    /// <summary>The body in <paramref name="encoding"/> ("br", "gzip" or "identity").</summary>
    public ReadOnlyMemory<byte> Encoded(string encoding) => encoding switch
    {
        ContentCoding.Brotli => brotli.Value,
        ContentCoding.Gzip => gzip.Value,
        _ => Bytes,
    };

    private static byte[] Compress(byte[] plain, Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream(plain.Length / 4);
        using (var compressing = compressor(output))
        {
            compressing.Write(plain);
        }

        return output.ToArray();
    }
}
