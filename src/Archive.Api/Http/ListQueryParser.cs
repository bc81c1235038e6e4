using System.Globalization;
using System.Text.RegularExpressions;
using Archive.Api.Tokens;
using Archive.Core.Text;
using Archive.Storage.Reading;
using Archive.Storage.Tables;
using Microsoft.AspNetCore.Http;

namespace Archive.Api.Http;

/// <summary>Query strings of the list routes to a <see cref="PostListQuery"/>, or the reason one is invalid (a 400).</summary>
public static partial class ListQueryParser
{
    public static PostListQuery Parse(IQueryCollection query, string? themeFromRoute, out string? error, out string afterKey)
    {
        afterKey = string.Empty;
        var invalid = new InvalidValue();
        var theme = themeFromRoute is null ? Theme(query, invalid) : CheckedTheme(themeFromRoute, invalid);

        var sort = OneValue(query, "sort", invalid) switch
        {
            null or "newest" => ListSort.Newest,
            "oldest" => ListSort.Oldest,
            "longest" => ListSort.Longest,
            "shortest" => ListSort.Shortest,
            var other => invalid.Set<ListSort>($"sort '{other}' is not one of newest, oldest, longest, shortest"),
        };

        var limit = Limit(query, PostListQuery.DefaultLimit, PostListQuery.MaxLimit, invalid);

        var from = Date(query, "from", invalid);
        var to = Date(query, "to", invalid);
        long? fromTicks = from is { } f ? Ticks(f) : null;
        // The end of the last day; the last day there is has no day after it, and needs no bound.
        long? toTicks = to is { } t && t < DateOnly.MaxValue ? Ticks(t.AddDays(1)) : null;
        if (Year(query, invalid) is { } year)
        {
            fromTicks = Math.Max(fromTicks ?? 0, Ticks(new DateOnly(year, 1, 1)));
            // The last year there is has no year after it: its posts need no upper bound.
            toTicks = year < DateOnly.MaxValue.Year ? Math.Min(toTicks ?? long.MaxValue, Ticks(new DateOnly(year + 1, 1, 1))) : toTicks;
        }

        if (from is not null && to is not null && from > to)
        {
            invalid.Set($"from {from:yyyy-MM-dd} is after to {to:yyyy-MM-dd}");
        }

        var result = new PostListQuery(sort, theme, fromTicks, toTicks, limit, OneValue(query, "cursor", invalid)) { Tag = Tag(query, invalid) };
        if (invalid.Message is null)
        {
            afterKey = Cursor(query, result.Fingerprint, invalid) ?? string.Empty;
        }

        error = invalid.Message;
        return result;
    }

    /// <summary><c>limit</c>: a whole number from 1 to <paramref name="max"/>; <paramref name="fallback"/> when absent.</summary>
    public static int Limit(IQueryCollection query, int fallback, int max, InvalidValue invalid)
    {
        if (OneValue(query, "limit", invalid) is not { } text)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1 || limit > max)
        {
            invalid.Set($"limit '{text}' is not a whole number from 1 to {max}");
        }

        return limit;
    }

    /// <summary><c>year</c>: a whole number from 1 to 9999 (every route that takes it); null when absent.</summary>
    public static int? Year(IQueryCollection query, InvalidValue invalid)
    {
        if (OneValue(query, "year", invalid) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1 and <= 9999)
        {
            return year;
        }

        invalid.Set($"year '{text}' is not a year (1 to 9999)");
        return null;
    }

    public const string CursorNotIssued = "cursor was not issued for this query; start again without it";

    /// <summary>What <c>cursor</c> carries, when it was issued for <paramref name="fingerprint"/> (the query it pages); null when absent or not issued for it (an error).</summary>
    public static string? Cursor(IQueryCollection query, string fingerprint, InvalidValue invalid)
    {
        if (OneValue(query, "cursor", invalid) is not { } cursor)
        {
            return null;
        }

        if (PageCursor.TryRead(cursor, fingerprint, out var carried))
        {
            return carried;
        }

        invalid.Set(CursorNotIssued);
        return null;
    }

    /// <summary>The one value of a query parameter; null when absent; an error when repeated or empty.</summary>
    public static string? OneValue(IQueryCollection query, string name, InvalidValue invalid)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return null;
        }

        if (values.Count != 1 || string.IsNullOrEmpty(values[0]))
        {
            invalid.Set($"{name} must be given once, with a value");
            return null;
        }

        return values[0];
    }

    /// <summary><c>?theme=</c>, a theme slug.</summary>
    public static string? Theme(IQueryCollection query, InvalidValue invalid) => CheckedTheme(OneValue(query, "theme", invalid), invalid);

    private static string? CheckedTheme(string? theme, InvalidValue invalid)
    {
        if (theme is not null && !SlugShape().IsMatch(theme))
        {
            invalid.Set($"theme '{theme}' is not a theme slug (lower-case letters, digits and '-')");
        }

        return theme;
    }

    /// <summary>The key of <c>?tag=</c> (the tag as written, or its key already): §8.</summary>
    public static string? Tag(IQueryCollection query, InvalidValue invalid)
    {
        var text = OneValue(query, "tag", invalid);
        if (text is null)
        {
            return null;
        }

        var key = text.Length <= MaxTagLength ? TagKey.Of(text) : string.Empty;
        if (key.Length == 0)
        {
            invalid.Set($"tag must hold a letter or digit, in at most {MaxTagLength} characters");
            return null;
        }

        return key;
    }

    private const int MaxTagLength = 200;

    private static DateOnly? Date(IQueryCollection query, string name, InvalidValue invalid)
    {
        var text = OneValue(query, name, invalid);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        invalid.Set($"{name} '{text}' is not a date (yyyy-MM-dd)");
        return null;
    }

    private static long Ticks(DateOnly date) => date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).Ticks;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugShape();
}
