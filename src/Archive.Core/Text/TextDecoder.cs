using System.Text;

namespace Archive.Core.Text;

/// <summary>Bytes to text: UTF-8 with or without a BOM, else Windows-1252; line ends become LF.</summary>
public static class TextDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="fellBackToWindows1252">True when the bytes were not valid UTF-8.</param>
    public static string Decode(ReadOnlySpan<byte> bytes, out bool fellBackToWindows1252)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        string text;
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            text = StrictUtf8.GetString(bytes);
            fellBackToWindows1252 = false;
        }
        else
        {
            text = Windows1252.Decode(bytes);
            fellBackToWindows1252 = true;
        }

        return NormalizeLineEnds(text);
    }

    private static string NormalizeLineEnds(string text) =>
        text.Contains('\r', StringComparison.Ordinal)
            ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')
            : text;
}
