using System.Text;

namespace Archive.Core.Text;

/// <summary>A description made from the body when the front matter gives none.</summary>
public static class Excerpt
{
    public const int MaxLength = 160;
    private const char Ellipsis = '…';

    /// <summary>Whitespace collapsed; cut at a word boundary to at most 160 characters, the ellipsis included.</summary>
    public static string From(string plainText)
    {
        var collapsed = CollapseWhitespace(plainText);
        if (collapsed.Length <= MaxLength)
        {
            return collapsed;
        }

        var room = MaxLength - 1;
        var cut = collapsed.LastIndexOf(' ', room);
        if (cut <= 0)
        {
            // One word longer than the room: cut inside it, but never between a surrogate pair.
            cut = char.IsLowSurrogate(collapsed[room]) ? room - 1 : room;
        }

        return collapsed[..cut].TrimEnd() + Ellipsis;
    }

    public static string CollapseWhitespace(string text)
    {
        var result = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = result.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                result.Append(' ');
                pendingSpace = false;
            }

            result.Append(c);
        }

        return result.ToString();
    }
}
