namespace Archive.Core.Text;

/// <summary>
/// Whitespace-separated tokens, except that each CJK character (Han, Hiragana, Katakana,
/// Hangul syllables) is a word of its own, as Hugo and Ghost count them.
/// </summary>
public static class WordCounter
{
    public static int Count(ReadOnlySpan<char> text)
    {
        var count = 0;
        var inRun = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            bool whiteSpace;
            int codePoint = c;
            if (c < 0x80)
            {
                // char.IsWhiteSpace of ASCII: space, \t–\r, and the separators U+001C–U+001F.
                whiteSpace = c == ' ' || (c <= '\r' && c >= '\t') || (c <= '\u001F' && c >= '\u001C');
            }
            else
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    codePoint = char.ConvertToUtf32(c, text[++i]);
                }

                whiteSpace = codePoint < 0x10000 && char.IsWhiteSpace(c);
            }

            if (whiteSpace)
            {
                inRun = false;
            }
            else if (codePoint >= 0x3040 && IsCjk(codePoint))
            {
                count++;
                inRun = false;
            }
            else if (!inRun)
            {
                count++;
                inRun = true;
            }
        }

        return count;
    }

    public static int ReadingMinutes(int wordCount, int wordsPerMinute) =>
        Math.Max(1, (wordCount + wordsPerMinute - 1) / wordsPerMinute);

    public static bool IsCjk(int codePoint) => codePoint switch
    {
        >= 0x4E00 and <= 0x9FFF => true, // CJK Unified Ideographs
        >= 0x3400 and <= 0x4DBF => true, // Extension A
        >= 0x20000 and <= 0x323AF => true, // Extensions B–H
        >= 0xF900 and <= 0xFAFF => true, // Compatibility Ideographs
        >= 0x3040 and <= 0x309F => true, // Hiragana
        >= 0x30A0 and <= 0x30FF => true, // Katakana
        >= 0x31F0 and <= 0x31FF => true, // Katakana Phonetic Extensions
        >= 0xFF66 and <= 0xFF9D => true, // Halfwidth Katakana
        >= 0xAC00 and <= 0xD7AF => true, // Hangul Syllables
        _ => false,
    };
}
