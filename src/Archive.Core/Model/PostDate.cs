using System.Globalization;

namespace Archive.Core.Model;

/// <summary>A post's date: a calendar date, or a date-time that keeps the offset it was written with.</summary>
public sealed record PostDate(DateTimeOffset Value, bool HasTime)
{
    public static PostDate FromDate(DateOnly date) =>
        new(new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), false);

    /// <summary>The instant used for sorting and date filters.</summary>
    public long UtcTicks => Value.UtcTicks;

    /// <summary><c>yyyy-MM-dd</c>, or full ISO 8601 when a time was given (<c>Z</c> for UTC).</summary>
    public override string ToString()
    {
        if (!HasTime)
        {
            return Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        var local = Value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        return Value.Offset == TimeSpan.Zero
            ? local + "Z"
            : local + Value.ToString("zzz", CultureInfo.InvariantCulture);
    }

    public static bool TryParseIso(string text, out PostDate? date)
    {
        date = null;
        if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            date = FromDate(day);
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            date = new PostDate(value, true);
            return true;
        }

        return false;
    }
}
