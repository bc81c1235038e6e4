using Microsoft.AspNetCore.Http;

namespace Archive.Pages;

/// <summary>A request as page handlers see it: the HTTP request and its route's values (a post page has two: id and slug).</summary>
public sealed record PageCall(HttpRequest Request, string? Value = null, string? Second = null)
{
    /// <summary>A query parameter's one value (the first when repeated), trimmed; null when absent or empty.</summary>
    public string? Query(string name) => Request.Query[name].FirstOrDefault()?.Trim() is { Length: > 0 } value ? value : null;

    /// <summary>Past any list's last page (a million pages of ten): a number no arithmetic on it can overflow.</summary>
    public const int MaxPageNumber = 1_000_000;

    /// <summary>The numbered page asked for: 1 without <c>?page=</c>, null when it is not a whole number from 1 to <see cref="MaxPageNumber"/>.</summary>
    public int? PageNumber => Query("page") is not { } text ? 1
        : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxPageNumber ? n : null;
}
