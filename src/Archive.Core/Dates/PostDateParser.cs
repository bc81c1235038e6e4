using System.Globalization;
using System.Text.RegularExpressions;
using Archive.Core.Model;

namespace Archive.Core.Dates;

/// <summary>
/// Reads the date forms of the contract (§2): ISO 8601, RFC 1123, and month-name forms with or
/// without a weekday and a year. A yearless date takes the most recent year, not after the
/// blob's last-modified day, in which that day exists (on that weekday, when one is given).
/// </summary>
public static partial class PostDateParser
{
    private const int YearsToSearchBack = 400;

    public static DateReading Read(string? text, DateTimeOffset lastModified)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return DateReading.Absent;
        }

        var trimmed = text.Trim();
        if (IsoShape().IsMatch(trimmed) && PostDate.TryParseIso(NormalizeOffset(trimmed), out var iso))
        {
            return new DateReading(iso, false, null);
        }

        var rfc = Rfc1123().Match(trimmed);
        if (rfc.Success && TryReadRfc1123(rfc, out var rfcDate))
        {
            return new DateReading(rfcDate, false, null);
        }

        var named = MonthDayFirst().Match(trimmed) is { Success: true } m1 ? m1 : DayMonthFirst().Match(trimmed);
        if (named.Success)
        {
            return ReadNamed(named, trimmed, lastModified);
        }

        return Unreadable(trimmed);
    }

    private static DateReading ReadNamed(Match match, string text, DateTimeOffset lastModified)
    {
        var month = MonthNumber(match.Groups["month"].Value);
        var day = int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture);
        DayOfWeek? weekday = null;
        if (match.Groups["weekday"].Success)
        {
            weekday = WeekdayOf(match.Groups["weekday"].Value);
            if (weekday is null)
            {
                return Unreadable(text);
            }
        }

        if (month is null || day is < 1 or > 31)
        {
            return Unreadable(text);
        }

        if (match.Groups["year"].Success)
        {
            var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
            if (year is < 1 or > 9999 || day > DateTime.DaysInMonth(year, month.Value))
            {
                return Unreadable(text);
            }

            var date = new DateOnly(year, month.Value, day);
            var warning = weekday is { } w && date.DayOfWeek != w
                ? $"date '{text}': {date:yyyy-MM-dd} is a {date.DayOfWeek}, not a {w}"
                : null;
            return new DateReading(PostDate.FromDate(date), false, warning);
        }

        var inferred = InferYear(month.Value, day, weekday, DateOnly.FromDateTime(lastModified.UtcDateTime));
        return inferred is { } found
            ? new DateReading(PostDate.FromDate(found), true, null)
            : new DateReading(null, false, $"date '{text}' matches no day up to the upload date; the post sorts last");
    }

    private static DateOnly? InferYear(int month, int day, DayOfWeek? weekday, DateOnly notAfter)
    {
        for (var year = notAfter.Year; year > Math.Max(0, notAfter.Year - YearsToSearchBack); year--)
        {
            if (day > DateTime.DaysInMonth(year, month))
            {
                continue;
            }

            var candidate = new DateOnly(year, month, day);
            if (candidate <= notAfter && (weekday is null || candidate.DayOfWeek == weekday))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool TryReadRfc1123(Match match, out PostDate? date)
    {
        date = null;
        var month = MonthNumber(match.Groups["month"].Value);
        if (month is null)
        {
            return false;
        }

        var zone = match.Groups["zone"].Value;
        var offset = zone.Length == 5
            ? new TimeSpan(int.Parse(zone[1..3], CultureInfo.InvariantCulture), int.Parse(zone[3..5], CultureInfo.InvariantCulture), 0) * (zone[0] == '-' ? -1 : 1)
            : TimeSpan.Zero;
        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture);
        var hour = int.Parse(match.Groups["hour"].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(match.Groups["minute"].Value, CultureInfo.InvariantCulture);
        var second = match.Groups["second"].Success ? int.Parse(match.Groups["second"].Value, CultureInfo.InvariantCulture) : 0;
        if (year is < 1 or > 9999 || day < 1 || day > DateTime.DaysInMonth(year, month.Value) || hour > 23 || minute > 59 || second > 59
            || offset.Duration() > TimeSpan.FromHours(14))
        {
            return false;
        }

        date = new PostDate(new DateTimeOffset(year, month.Value, day, hour, minute, second, offset), true);
        return true;
    }

    private static int? MonthNumber(string name) =>
        NameIndex(name, CultureInfo.InvariantCulture.DateTimeFormat.MonthNames) is { } index ? index + 1 : null;

    private static DayOfWeek? WeekdayOf(string name) =>
        NameIndex(name, CultureInfo.InvariantCulture.DateTimeFormat.DayNames) is { } index ? (DayOfWeek)index : null;

    /// <summary>
    /// The index of the name a word abbreviates: its first three letters or more of it, any case
    /// ("Jun", "June" and "Sept" are months; "Junk" is not).
    /// </summary>
    private static int? NameIndex(string word, string[] names)
    {
        if (word.Length < 3)
        {
            return null;
        }

        for (var i = 0; i < names.Length; i++)
        {
            if (names[i].Length > 0 && names[i].StartsWith(word, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return null;
    }

    private static string NormalizeOffset(string text)
    {
        // "+0200" is ISO 8601 too; .NET wants "+02:00".
        var m = CompactOffset().Match(text);
        return m.Success ? text[..m.Index] + m.Value[..3] + ":" + m.Value[3..] : text;
    }

    private static DateReading Unreadable(string text) =>
        new(null, false, $"date '{text}' could not be read; the post sorts last");

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex IsoShape();

    [GeneratedRegex(@"[+-]\d{4}$")]
    private static partial Regex CompactOffset();

    [GeneratedRegex(@"^(?:[A-Za-z]{3},\s*)?(?<day>\d{1,2})\s+(?<month>[A-Za-z]{3})\s+(?<year>\d{4})\s+(?<hour>\d{2}):(?<minute>\d{2})(?::(?<second>\d{2}))?\s+(?<zone>GMT|UTC|UT|Z|[+-]\d{4})$", RegexOptions.IgnoreCase)]
    private static partial Regex Rfc1123();

    [GeneratedRegex(@"^(?:(?<weekday>[A-Za-z]+)\.?,?\s+)?(?<month>[A-Za-z]+)\.?\s+(?<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?<year>\d{4}))?$", RegexOptions.IgnoreCase)]
    private static partial Regex MonthDayFirst();

    [GeneratedRegex(@"^(?:(?<weekday>[A-Za-z]+)\.?,?\s+)?(?<day>\d{1,2})(?:st|nd|rd|th)?\s+(?<month>[A-Za-z]+)\.?,?(?:\s+(?<year>\d{4}))?$", RegexOptions.IgnoreCase)]
    private static partial Regex DayMonthFirst();
}
