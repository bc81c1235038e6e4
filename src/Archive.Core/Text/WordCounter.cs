using System.Text;

namespace Archive.Core.Text;

/// <summary>
/// Whitespace-separated tokens, except that each CJK character (Han, Hiragana, Katakana,
/// Hangul syllables) is a word of its own, as Hugo and Ghost count them.
/// </summary>
public static class WordCounter
{
    public static int Count(string text)
    {
        var count = 0;
        var inRun = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                inRun = false;
            }
            else if (IsCjk(rune.Value))
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
