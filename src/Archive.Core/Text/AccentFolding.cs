using System.Globalization;
using System.Text;

namespace Archive.Core.Text;

/// <summary>
/// Lower case with accents folded (<c>É</c> → <c>e</c>), and the letters Unicode decomposition
/// does not fold written in ASCII (<c>ß</c> → <c>ss</c>): the one table for slugs (§1) and search
/// words (§8). Tag keys keep their letters (§8) and do not use it.
/// </summary>
public static class AccentFolding
{
    public static string Fold(string text)
    {
        if (text.All(char.IsAscii))
        {
            return text.ToLowerInvariant();
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                var lower = char.ToLowerInvariant(c);
                folded.Append(lower switch { 'ß' => "ss", 'æ' => "ae", 'œ' => "oe", 'ø' => "o", 'đ' or 'ð' => "d", 'ł' => "l", 'þ' => "th", 'ı' => "i", _ => lower.ToString() });
            }
        }

        return folded.ToString();
    }
}
