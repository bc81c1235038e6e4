using System.Globalization;
using System.Text;

namespace Archive.Core.Text;

/// <summary>URL slugs: accents folded to ASCII, lower case, runs of anything else become one <c>-</c>.</summary>
public static class Slug
{
    // Letters that Unicode decomposition does not fold to ASCII.
    private static readonly Dictionary<char, string> Transliterations = new()
    {
        ['ß'] = "ss", ['æ'] = "ae", ['Æ'] = "ae", ['œ'] = "oe", ['Œ'] = "oe", ['ø'] = "o", ['Ø'] = "o",
        ['đ'] = "d", ['Đ'] = "d", ['ð'] = "d", ['Ð'] = "d", ['ł'] = "l", ['Ł'] = "l", ['þ'] = "th", ['Þ'] = "th",
        ['ı'] = "i",
    };

    public static string From(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var slug = new StringBuilder(decomposed.Length);
        var pendingDash = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var folded = Transliterations.TryGetValue(c, out var t) ? t : c.ToString();
            foreach (var f in folded)
            {
                var lower = char.ToLowerInvariant(f);
                if (lower is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
                {
                    if (pendingDash && slug.Length > 0)
                    {
                        slug.Append('-');
                    }

                    pendingDash = false;
                    slug.Append(lower);
                }
                else
                {
                    pendingDash = true;
                }
            }
        }

        return slug.ToString();
    }
}
