using System.Text;

namespace Archive.Core.Text;

/// <summary>
/// Bytes to text: UTF-8 with or without a BOM, UTF-16 and UTF-32 by their BOM (as editors on
/// Windows write them), else Windows-1252; line ends become LF.
/// </summary>
public static class TextDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Longest first: the UTF-32 little-endian BOM begins with the UTF-16 one.
    private static readonly (byte[] Bom, Encoding Encoding)[] ByteOrderMarks =
    [
        ([0xFF, 0xFE, 0x00, 0x00], new UTF32Encoding(bigEndian: false, byteOrderMark: false)),
        ([0x00, 0x00, 0xFE, 0xFF], new UTF32Encoding(bigEndian: true, byteOrderMark: false)),
        ([0xFF, 0xFE], new UnicodeEncoding(bigEndian: false, byteOrderMark: false)),
        ([0xFE, 0xFF], new UnicodeEncoding(bigEndian: true, byteOrderMark: false)),
    ];

    /// <param name="fellBackToWindows1252">True when the bytes were not valid UTF-8.</param>
    public static string Decode(ReadOnlySpan<byte> bytes, out bool fellBackToWindows1252)
    {
        fellBackToWindows1252 = false;
        foreach (var (bom, encoding) in ByteOrderMarks)
        {
            if (bytes.StartsWith(bom))
            {
                return Finish(encoding.GetString(bytes[bom.Length..]));
            }
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return Finish(StrictUtf8.GetString(bytes));
        }

        fellBackToWindows1252 = true;
        return Finish(Windows1252.Decode(bytes));
    }

    /// <summary>Line ends to LF, and any further BOM dropped: a file saved twice with one has two.</summary>
    private static string Finish(string text) => NormalizeLineEnds(text.TrimStart('\uFEFF'));

    private static string NormalizeLineEnds(string text) =>
        text.Contains('\r', StringComparison.Ordinal)
            ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')
            : text;
}
