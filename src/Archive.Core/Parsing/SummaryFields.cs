using System.Text;

namespace Archive.Core.Parsing;

/// <summary>The rules every field a post is listed with follows: no control characters, and a length limit.</summary>
internal static class SummaryFields
{
    /// <summary>
    /// The text without control characters other than tab and line feed (NUL, escape, bell and the
    /// C1 range are never meant to be shown), with a warning when any were removed.
    /// </summary>
    public static string? Clean(string? text, string field, List<string> warnings)
    {
        if (text is null || !text.AsSpan().ContainsAny(ControlCharacters))
        {
            return text;
        }

        var cleaned = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!ControlCharacters.Contains(c))
            {
                cleaned.Append(c);
            }
        }

        warnings.Add($"control characters were removed from '{field}'");
        return cleaned.ToString();
    }

    /// <summary>Throws the rejection when the text is longer than the field allows.</summary>
    public static string? Limit(string? text, string field, int maxCharacters)
    {
        if (text is not null && text.Length > maxCharacters)
        {
            throw new InputLimitException($"'{field}' is {text.Length} characters long; at most {maxCharacters} are allowed");
        }

        return text;
    }

    private static readonly System.Buffers.SearchValues<char> ControlCharacters = System.Buffers.SearchValues.Create(
        Enumerable.Range(0, 0xA0).Select(i => (char)i).Where(c => char.IsControl(c) && c is not '\t' and not '\n').ToArray());
}
