using Archive.Core.Dates;

namespace Archive.Core.Tests;

/// <summary>§2: accepted date forms, yearless inference, offsets and unreadable dates.</summary>
public class DateParsingTests
{
    private static readonly DateTimeOffset UploadedJuly2026 = new(2026, 7, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2024-06-18", "2024-06-18")]
    [InlineData("2024-06-18T10:30:00Z", "2024-06-18T10:30:00Z")]
    [InlineData("2024-06-18T10:30:00+02:00", "2024-06-18T10:30:00+02:00")]
    [InlineData("2024-06-18T10:30:00-0500", "2024-06-18T10:30:00-05:00")]
    [InlineData("2024-06-18T10:30", "2024-06-18T10:30:00Z")]
    [InlineData("2024-06-18 10:30:15.25", "2024-06-18T10:30:15.25Z")]
    [InlineData("Tue, 18 Jun 2024 10:30:00 GMT", "2024-06-18T10:30:00Z")]
    [InlineData("Tue, 18 Jun 2024 10:30:00 +0200", "2024-06-18T10:30:00+02:00")]
    [InlineData("Jun 18 2024", "2024-06-18")]
    [InlineData("June 18, 2024", "2024-06-18")]
    [InlineData("Tue Jun 18 2024", "2024-06-18")]
    [InlineData("18 June 2024", "2024-06-18")]
    public void Dates_with_a_year_are_read_as_written(string text, string expected)
    {
        var reading = PostDateParser.Read(text, UploadedJuly2026);
        Assert.Equal(expected, reading.Date?.ToString());
        Assert.False(reading.Inferred);
        Assert.Null(reading.Warning);
    }

    [Fact]
    public void Reference_yearless_weekday_date_uploaded_in_2026_is_2024_06_18()
    {
        var reading = PostDateParser.Read("Tue Jun 18", new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal("2024-06-18", reading.Date?.ToString());
        Assert.True(reading.Inferred);
    }

    [Fact]
    public void Yearless_date_takes_most_recent_matching_weekday() =>
        // 2026-06-18 is a Thursday, 2025-06-18 a Wednesday, 2024-06-18 a Tuesday, 2019-06-18 a Tuesday.
        Assert.Equal("2024-06-18", PostDateParser.Read("Tue Jun 18", UploadedJuly2026).Date?.ToString());

    [Fact]
    public void Yearless_date_without_weekday_takes_the_most_recent_year_not_after_the_upload()
    {
        Assert.Equal("2026-06-18", PostDateParser.Read("Jun 18", UploadedJuly2026).Date?.ToString());
        Assert.Equal("2025-07-02", PostDateParser.Read("Jul 2", UploadedJuly2026).Date?.ToString());
        Assert.True(PostDateParser.Read("Jul 2", UploadedJuly2026).Inferred);
    }

    [Fact]
    public void Yearless_date_on_the_upload_day_is_that_day() =>
        Assert.Equal("2026-07-01", PostDateParser.Read("Jul 1", UploadedJuly2026).Date?.ToString());

    [Fact]
    public void Yearless_february_29_takes_the_most_recent_leap_year() =>
        Assert.Equal("2024-02-29", PostDateParser.Read("Feb 29", UploadedJuly2026).Date?.ToString());

    [Fact]
    public void Yearless_february_29_with_weekday_finds_a_leap_year_on_that_weekday() =>
        // 2024-02-29 Thursday, 2020 Saturday, 2016 Monday.
        Assert.Equal("2016-02-29", PostDateParser.Read("Mon Feb 29", UploadedJuly2026).Date?.ToString());

    [Fact]
    public void Inference_uses_the_utc_day_of_last_modified()
    {
        var lateOnJune17InNewYork = new DateTimeOffset(2026, 6, 17, 22, 0, 0, TimeSpan.FromHours(-4)); // June 18, 02:00 UTC
        Assert.Equal("2026-06-18", PostDateParser.Read("Jun 18", lateOnJune17InNewYork).Date?.ToString());
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("Blursday Jun 18")]
    [InlineData("Jun 31 2024")]
    [InlineData("2024-13-01")]
    [InlineData("Tue Feb 30")]
    public void Unreadable_date_is_null_with_a_warning_not_a_rejection(string text)
    {
        var reading = PostDateParser.Read(text, UploadedJuly2026);
        Assert.Null(reading.Date);
        Assert.False(reading.Inferred);
        Assert.NotNull(reading.Warning);

        var post = Parse.Accepted(Parse.Post($"title: T\ndate: \"{text}\""));
        Assert.Null(post.Date);
        Assert.Equal(text, post.DateText);
        Assert.Contains(post.Warnings, w => w.Contains(text, StringComparison.Ordinal));
    }

    [Fact]
    public void Null_date_is_not_inferred()
    {
        var post = Parse.Accepted(Parse.Post("title: T\ndate:"));
        Assert.Null(post.Date);
        Assert.Null(post.DateText);
        Assert.False(post.DateInferred);
        Assert.Empty(post.Warnings);
    }

    [Fact]
    public void Weekday_that_contradicts_an_explicit_year_keeps_the_date_and_warns()
    {
        var reading = PostDateParser.Read("Mon Jun 18 2024", UploadedJuly2026);
        Assert.Equal("2024-06-18", reading.Date?.ToString());
        Assert.Contains("Tuesday", reading.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Date_times_sort_by_instant()
    {
        var tokyo = PostDateParser.Read("2024-06-18T08:00:00+09:00", UploadedJuly2026).Date!;
        var utc = PostDateParser.Read("2024-06-18T00:00:00Z", UploadedJuly2026).Date!;
        Assert.Equal(utc.UtcTicks - TimeSpan.FromHours(1).Ticks, tokyo.UtcTicks);
    }

    [Fact]
    public void Front_matter_date_text_is_served_raw() =>
        Assert.Equal("June 18, 2024", Parse.Accepted(Parse.Post("title: T\ndate: June 18, 2024")).DateText);
}
