namespace Archive.Core.Parsing;

/// <summary>A document cut into its YAML front matter (null when it has none) and its markdown body.</summary>
internal sealed record FrontMatterSplit(string? Yaml, string Body, int BodyFirstLine)
{
    /// <summary>Front matter is YAML between a first line <c>---</c> and the next line <c>---</c> or <c>...</c>.</summary>
    public static FrontMatterSplit From(string text, out string? error)
    {
        error = null;
        var firstEnd = text.IndexOf('\n');
        var firstLine = firstEnd < 0 ? text : text[..firstEnd];
        if (firstLine.TrimEnd() != "---")
        {
            return new FrontMatterSplit(null, text, 1);
        }

        var start = firstEnd + 1;
        var position = start;
        var line = 2;
        while (firstEnd >= 0 && position <= text.Length)
        {
            var end = text.IndexOf('\n', position);
            var current = end < 0 ? text[position..] : text[position..end];
            if (current.TrimEnd() is "---" or "...")
            {
                var body = end < 0 ? string.Empty : text[(end + 1)..];
                return new FrontMatterSplit(text[start..position], body, line + 1);
            }

            if (end < 0)
            {
                break;
            }

            position = end + 1;
            line++;
        }

        error = "front matter opened by '---' on line 1 is never closed by a '---' or '...' line";
        return new FrontMatterSplit(null, text, 1);
    }
}
