namespace Archive.Core.Markdown;

/// <summary>Recognises link and image URLs whose scheme could run script (<c>javascript:</c>, <c>data:</c>, ...).</summary>
internal static class SafeUrls
{
    private const string Neutral = "#";
    private static readonly string[] AllowedSchemes = ["http", "https", "mailto", "tel"];

    /// <summary>The URL itself when safe, else <c>#</c>.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(url))]
    public static string? Neutralise(string? url) => IsSafe(url) ? url : Neutral;

    public static bool IsSafe(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return true;
        }

        // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
        Span<char> scheme = stackalloc char[16];
        var length = 0;
        foreach (var c in url)
        {
            if (c <= ' ' || c == '\u007F')
            {
                continue;
            }

            if (c == ':')
            {
                return length > 0 && AllowedSchemes.Contains(new string(scheme[..length]), StringComparer.OrdinalIgnoreCase);
            }

            if (c is '/' or '?' or '#' || length == scheme.Length)
            {
                // A path, query or fragment before any colon: a relative URL.
                return c is '/' or '?' or '#';
            }

            scheme[length++] = c;
        }

        return true;
    }
}
