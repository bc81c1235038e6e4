using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Archive.Search;

/// <summary>
/// A post's text as the index keeps it for snippets and related posts: UTF-8, Brotli-compressed,
/// behind its length. Read per hit, so it is one binary doc value (a bulk copy from the mapped
/// file and a native decompression), not a stored field: Lucene.NET decompresses stored fields a
/// byte at a time, which cost more than the search itself when a page of ten snippets was cut.
/// </summary>
public static class CompressedText
{
    private const int Quality = 5;
    private const int Window = 22;

    /// <summary>
    /// Far above any post's text (uploads are 1 MB by default), so that a length a damaged index
    /// holds cannot make a read allocate gigabytes.
    /// </summary>
    private const int MostBytes = 64 * 1024 * 1024;

    public static byte[] Compress(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var compressed = new byte[4 + BrotliEncoder.GetMaxCompressedLength(utf8.Length)];
        BinaryPrimitives.WriteInt32LittleEndian(compressed, utf8.Length);
        if (!BrotliEncoder.TryCompress(utf8, compressed.AsSpan(4), out var written, Quality, Window))
        {
            throw new InvalidOperationException("Brotli could not compress within its own bound");
        }

        return compressed[..(4 + written)];
    }

    /// <summary>The text, or null when <paramref name="compressed"/> is not what <see cref="Compress"/> wrote.</summary>
    public static string? Decompress(ReadOnlySpan<byte> compressed)
    {
        if (compressed.Length < 4 || BinaryPrimitives.ReadInt32LittleEndian(compressed) is var length && length is < 0 or > MostBytes)
        {
            return null;
        }

        var utf8 = ArrayPool<byte>.Shared.Rent(Math.Max(1, length));
        try
        {
            return BrotliDecoder.TryDecompress(compressed[4..], utf8.AsSpan(0, length), out var written) && written == length
                ? Encoding.UTF8.GetString(utf8, 0, length)
                : null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }
}
