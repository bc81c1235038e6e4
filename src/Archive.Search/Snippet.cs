using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Archive.Search;

/// <summary>
/// A search hit's snippet (contract §8): at most 200 characters of the text (counted before
/// escaping, without the marks) around its best match, the matched words in <c>&lt;mark&gt;</c>,
/// everything else HTML-escaped; null when no word of the query is in the text.
/// </summary>
public static class Snippet
{
    public const int MaxCharacters = 200;

    /// <summary>
    /// Escapes what HTML needs escaped and leaves letters of every script as they are (<c>cafés</c>,
    /// not <c>caf&amp;#233;s</c>); a surrogate half a window edge cut off becomes U+FFFD.
    /// </summary>
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Characters kept before the first match of the window, so the match is read in its sentence.</summary>
    private const int Lead = 40;

    /// <summary>The snippet of <paramref name="text"/> around its words whose terms are in <paramref name="terms"/> (the text is split here).</summary>
    public static string? Of(string text, IReadOnlySet<string> terms) => Of(text, [.. SearchWords.Of(text).Where(w => terms.Contains(w.Term))]);

    /// <summary>The snippet of <paramref name="text"/> around <paramref name="matches"/> (its matched words, in order).</summary>
    public static string? Of(string text, List<SearchWords.Word> matches)
    {
        if (matches.Count == 0)
        {
            return null;
        }

        // The window that shows the most different matched terms (then the most matches), earliest first.
        var (best, bestDistinct, bestCount) = (0, 0, 0);
        for (var first = 0; first < matches.Count; first++)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var count = 0;
            for (var j = first; j < matches.Count && matches[j].Start + matches[j].Length - matches[first].Start <= MaxCharacters; j++)
            {
                seen.Add(matches[j].Term);
                count++;
            }

            if (seen.Count > bestDistinct || (seen.Count == bestDistinct && count > bestCount))
            {
                (best, bestDistinct, bestCount) = (first, seen.Count, count);
            }
        }

        var from = Math.Max(0, matches[best].Start - Lead);
        var to = Math.Min(text.Length, from + MaxCharacters);
        from = Math.Max(0, Math.Min(from, to - MaxCharacters));

        // Whole words at the edges when there is room: start after a space, end before one.
        if (from > 0 && text.IndexOf(' ', from, Math.Min(Lead, matches[best].Start - from)) is var space and >= 0)
        {
            from = space + 1;
        }

        if (to < text.Length && text.LastIndexOf(' ', to - 1, Math.Min(to - from, 30)) is var end and > 0 && end > matches[best].Start)
        {
            to = end;
        }

        var snippet = new StringBuilder();
        var at = from;
        foreach (var match in matches.Where(m => m.Start >= from && m.Start + m.Length <= to))
        {
            snippet.Append(Html.Encode(text[at..match.Start])).Append("<mark>")
                .Append(Html.Encode(text.Substring(match.Start, match.Length))).Append("</mark>");
            at = match.Start + match.Length;
        }

        return snippet.Append(Html.Encode(text[at..to])).ToString().Trim();
    }

    /// <summary>The text escaped, its matched words marked: the description when the text has no match.</summary>
    public static string Marked(string text, IReadOnlySet<string> terms) => Of(text, terms) ?? Html.Encode(text.Length <= MaxCharacters ? text : text[..MaxCharacters]);
}
