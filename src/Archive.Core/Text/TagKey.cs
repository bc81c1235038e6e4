using System.Globalization;
using System.Text;

namespace Archive.Core.Text;

/// <summary>
/// A tag's key (contract §8): lower case, accents folded, every run of characters other than
/// letters and digits, of any script, one <c>-</c>, trimmed (<c>Île-de-France</c> →
/// <c>ile-de-france</c>, <c>東京 駅</c> → <c>東京-駅</c>). Unlike a slug, other scripts stay.
/// </summary>
public static class TagKey
{
    public static string Of(string tag)
    {
        var decomposed = tag.Normalize(NormalizationForm.FormD);
        var key = new StringBuilder(decomposed.Length);
        var pendingDash = false;
        for (var i = 0; i < decomposed.Length; i++)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(decomposed, i);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            var length = char.IsSurrogatePair(decomposed, i) ? 2 : 1;
            if (IsLetterOrDigit(category))
            {
                if (pendingDash && key.Length > 0)
                {
                    key.Append('-');
                }

                pendingDash = false;
                key.Append(decomposed.AsSpan(i, length).ToString().ToLowerInvariant());
            }
            else
            {
                pendingDash = true;
            }

            i += length - 1;
        }

        return key.ToString().Normalize(NormalizationForm.FormC);
    }

    private static bool IsLetterOrDigit(UnicodeCategory category) => category is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
        or UnicodeCategory.SpacingCombiningMark;
}
