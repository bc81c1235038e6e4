using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Archive.Core.Markdown;

/// <summary>
/// The markdown limits, checked where the work would happen: before Markdig parses (what makes its
/// parse time grow faster than the input) and after (what our walks and its renderer recurse on).
/// </summary>
internal static class MarkdownLimits
{
    // What makes Markdig look back over the paragraph (measured by bench/hostile.sh): a link's "](",
    // the autolink extension's prefixes, a link or footnote definition's "]:" and a footnote's "[^".
    private static readonly string[] LinkMarks = ["](", "http://", "https://", "ftp://", "www.", "mailto:", "tel:", "]:", "[^"];

    /// <summary>
    /// Counts headings, and links per paragraph (blank-line-separated runs of lines, which hold
    /// every paragraph Markdig parses inlines of) times the paragraph's length: Markdig's cost of
    /// each link grows with what precedes it in its paragraph. One pass; throws with the reason.
    /// </summary>
    public static void CheckBeforeParse(string markdown, ParserOptions options)
    {
        var headings = 0;
        long work = 0;
        var paragraphLength = 0;
        var paragraphLinks = 0;
        foreach (var range in markdown.AsSpan().Split('\n'))
        {
            var line = markdown.AsSpan(range);
            if (line.IsWhiteSpace())
            {
                work += (long)paragraphLinks * paragraphLength;
                CheckWork(work, paragraphLength, paragraphLinks, options);
                paragraphLength = paragraphLinks = 0;
                continue;
            }

            paragraphLength += line.Length + 1;
            foreach (var mark in LinkMarks)
            {
                paragraphLinks += Count(line, mark);
            }

            if (ContainerMarkers(line) > options.MaxNestingDepth)
            {
                // Markdig opens a block per marker before any depth check of its own: 50,000 of them take seconds.
                throw new Parsing.InputLimitException($"a line opens more than {options.MaxNestingDepth} nested quotes or lists");
            }

            if (IsHeadingLine(line) && ++headings > options.MaxHeadings)
            {
                throw new Parsing.InputLimitException($"more than {options.MaxHeadings} headings");
            }
        }

        work += (long)paragraphLinks * paragraphLength;
        CheckWork(work, paragraphLength, paragraphLinks, options);
    }

    /// <summary>Walks the parsed tree without recursion and rejects it when it nests deeper than the limit.</summary>
    public static void CheckDepth(MarkdownDocument document, int maxDepth)
    {
        var pending = new Stack<(MarkdownObject Node, int Depth)>();
        pending.Push((document, 0));
        while (pending.TryPop(out var item))
        {
            if (item.Depth > maxDepth)
            {
                throw new Parsing.InputLimitException($"markdown is nested more than {maxDepth} levels deep (quotes, lists, emphasis or links)");
            }

            switch (item.Node)
            {
                case ContainerBlock container:
                    foreach (var child in container)
                    {
                        pending.Push((child, item.Depth + 1));
                    }

                    break;
                case LeafBlock { Inline: { } inline }:
                    pending.Push((inline, item.Depth + 1));
                    break;
                case ContainerInline inlines:
                    for (var child = inlines.FirstChild; child is not null; child = child.NextSibling)
                    {
                        pending.Push((child, item.Depth + 1));
                    }

                    break;
            }
        }
    }

    /// <summary>Markdig's own nesting guard, met while parsing, as a reason.</summary>
    public static bool IsMarkdigDepthLimit(ArgumentException error) =>
        error.Message.Contains("depth limit", StringComparison.OrdinalIgnoreCase);

    public const string MarkdigDepthReason = "markdown is nested deeper than the parser allows (quotes, lists, emphasis or brackets)";

    private static void CheckWork(long work, int paragraphLength, int paragraphLinks, ParserOptions options)
    {
        if (work > options.MaxLinkWork)
        {
            throw new Parsing.InputLimitException(
                $"too many links for the length of their paragraphs (a paragraph of {paragraphLength} characters holds {paragraphLinks} links, URLs, definitions or footnotes); split long paragraphs");
        }
    }

    /// <summary>How many quote and list markers open the line (<c>&gt; - * + 1. 1)</c>, each then a space or tab, but quotes).</summary>
    private static int ContainerMarkers(ReadOnlySpan<char> line)
    {
        var markers = 0;
        var at = 0;
        while (true)
        {
            while (at < line.Length && line[at] is ' ' or '\t')
            {
                at++;
            }

            if (at >= line.Length)
            {
                return markers;
            }

            var end = line[at] switch
            {
                '>' => at + 1,
                '-' or '*' or '+' when at + 1 >= line.Length || line[at + 1] is ' ' or '\t' => at + 1,
                >= '0' and <= '9' => OrderedMarkerEnd(line, at),
                _ => -1,
            };
            if (end < 0)
            {
                return markers;
            }

            markers++;
            at = end;
        }
    }

    private static int OrderedMarkerEnd(ReadOnlySpan<char> line, int at)
    {
        var digits = 0;
        while (at + digits < line.Length && digits < 10 && char.IsAsciiDigit(line[at + digits]))
        {
            digits++;
        }

        var end = at + digits;
        return digits <= 9 && end < line.Length && line[end] is '.' or ')' && (end + 1 >= line.Length || line[end + 1] is ' ' or '\t') ? end + 1 : -1;
    }

    /// <summary>An ATX heading line, or a line that may underline a setext heading (counted either way: a bound, not a parse).</summary>
    private static bool IsHeadingLine(ReadOnlySpan<char> line)
    {
        var indent = 0;
        while (indent < line.Length && indent < 4 && line[indent] == ' ')
        {
            indent++;
        }

        if (indent > 3 || indent == line.Length)
        {
            return false;
        }

        var rest = line[indent..].TrimEnd();
        var first = rest[0];
        if (first == '#')
        {
            var hashes = rest.Length - rest.TrimStart('#').Length;
            return hashes <= 6 && (hashes == rest.Length || rest[hashes] is ' ' or '\t');
        }

        return first is '=' or '-' && rest.TrimStart(first).IsEmpty;
    }

    private static int Count(ReadOnlySpan<char> text, string mark)
    {
        var count = 0;
        for (var at = text.IndexOf(mark, StringComparison.Ordinal); at >= 0; at = text.IndexOf(mark, StringComparison.Ordinal))
        {
            count++;
            text = text[(at + mark.Length)..];
        }

        return count;
    }
}
