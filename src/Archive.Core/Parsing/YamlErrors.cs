using YamlDotNet.Core;

namespace Archive.Core.Parsing;

internal static class YamlErrors
{
    /// <summary>"invalid YAML at line L, column C: what", with the line counted in the whole file.</summary>
    public static string Describe(YamlException error, string yaml, int firstYamlLine)
    {
        var mark = error.Start;
        if (mark.Index >= yaml.TrimEnd().Length)
        {
            // Found only at the end (an unclosed '[' or quote): point where the unfinished part starts.
            mark = LastReadableMark(yaml);
        }

        var line = (int)mark.Line + firstYamlLine - 1;
        var column = (int)mark.Column;
        var message = error.InnerException is YamlException inner ? inner.Message : error.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith("(Line:", StringComparison.Ordinal) && cut > 0)
        {
            message = message[(cut + 3)..];
        }

        return $"invalid YAML in front matter at line {line}, column {column}: {message.Trim()}";
    }

    /// <summary>The start of the last YAML event that can be read before the text stops making sense.</summary>
    public static Mark LastReadableMark(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var last = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                last = parser.Current!.Start;
            }
        }
        catch (Exception error) when (error is YamlException or InvalidOperationException or ArgumentException)
        {
            // Expected: the point is where reading stops.
        }

        return last;
    }
}
