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

    public ReadOnlyMemory<byte> Bytes { get; } = bytes;

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
