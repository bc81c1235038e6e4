namespace Archive.Core.Text;

/// <summary>
/// Windows-1252 both ways, for the bytes 0x80–0xFF. Bytes that Windows-1252 leaves undefined
/// map to the C1 control of the same value, as Latin-1 does, so every byte has a character.
/// </summary>
internal static class Windows1252
{
    private static readonly char[] HighHalf = BuildHighHalf();
    private static readonly Dictionary<char, byte> Reverse = BuildReverse();

    public static char ToChar(byte b) => b < 0x80 ? (char)b : HighHalf[b - 0x80];

    /// <summary>The byte whose Windows-1252 (or Latin-1) character is <paramref name="c"/>, for bytes 0x80–0xFF.</summary>
    public static bool TryGetHighByte(char c, out byte b) => Reverse.TryGetValue(c, out b);

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        return string.Create(bytes.Length, bytes.ToArray(), static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = ToChar(source[i]);
            }
        });
    }

    private static char[] BuildHighHalf()
    {
        const string special = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";
        var table = new char[128];
        for (var i = 0; i < 128; i++)
        {
            table[i] = i < 32 ? special[i] : (char)(0x80 + i);
        }

        return table;
    }

    private static Dictionary<char, byte> BuildReverse()
    {
        var reverse = new Dictionary<char, byte>();
        for (var i = 0; i < 128; i++)
        {
            reverse[HighHalf[i]] = (byte)(0x80 + i);
        }

        // Text decoded as Latin-1 rather than Windows-1252 carries C1 controls for 0x80–0x9F.
        for (var b = 0x80; b < 0xA0; b++)
        {
            reverse.TryAdd((char)b, (byte)b);
        }

        return reverse;
    }
}
