using System.Text;

namespace Archive.Core.Text;

/// <summary>URL slugs: accents folded to ASCII (<see cref="AccentFolding"/>), lower case, runs of anything else become one <c>-</c>.</summary>
public static class Slug
{
    public static string From(string text)
    {
        var folded = AccentFolding.Fold(text);
        var slug = new StringBuilder(folded.Length);
        var pendingDash = false;
        foreach (var c in folded)
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                if (pendingDash && slug.Length > 0)
                {
                    slug.Append('-');
                }

                pendingDash = false;
                slug.Append(c);
            }
            else
            {
                pendingDash = true;
            }
        }

        return slug.ToString();
    }
}
