using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Archive.Api.Contracts;

namespace Archive.Pages.Site;

/// <summary>How pages word and format what they show: dates, counts, and the two pieces of markup written as they are.</summary>
public static partial class PageText
{
    /// <summary>"18 Jun 2024" for the post's own date (never the reader's time zone); its text as written when it has no date.</summary>
    public static string Date(PostSummary post) =>
        post.Date is { } date && DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed.ToString("d MMM yyyy", CultureInfo.InvariantCulture)
            : post.DateText ?? "undated";

    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Minutes(int minutes) => $"{minutes} min read";

    public static string Count(int count, string one, string many) => count == 1 ? $"1 {one}" : $"{count.ToString("N0", CultureInfo.InvariantCulture)} {many}";

    /// <summary>The module script (Razor components refuse a script element in their markup): the URL is ours, encoded all the same.</summary>
    public static string ScriptElement(string url) => $"<script type=\"module\" src=\"{WebUtility.HtmlEncode(url)}\"></script>";

    /// <summary>
    /// The post's HTML without a first <c>h1</c> that repeats its title: the page shows the title once,
    /// as its own heading (posts often open with it).
    /// </summary>
    public static string WithoutTitleHeading(string html, string title)
    {
        var first = FirstHeading().Match(html);
        if (!first.Success)
        {
            return html;
        }

        var text = WebUtility.HtmlDecode(Tags().Replace(first.Groups["text"].Value, string.Empty)).Trim();
        return string.Equals(text, title.Trim(), StringComparison.OrdinalIgnoreCase) ? html[first.Length..] : html;
    }

    [GeneratedRegex(@"^\s*<h1\b[^>]*>(?<text>.*?)</h1>\s*", RegexOptions.Singleline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex FirstHeading();

    [GeneratedRegex("<[^>]*>", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Tags();
}
