using Archive.Api.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Archive.Api.Tests;

/// <summary>The one parser of <c>year</c>, <c>limit</c> and <c>cursor</c> every route uses.</summary>
public sealed class ListQueryParserTests
{
    private static QueryCollection Query(string name, string value) => new(new Dictionary<string, StringValues> { [name] = value });

    [Theory]
    [InlineData("1", 1)]
    [InlineData("2024", 2024)]
    [InlineData("9999", 9999)]
    public void A_year_from_1_to_9999_is_a_year(string text, int year)
    {
        var invalid = new InvalidValue();
        Assert.Equal(year, ListQueryParser.Year(Query("year", text), invalid));
        Assert.Null(invalid.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10000")]
    [InlineData("-1")]
    [InlineData("20 24")]
    [InlineData("twenty")]
    public void Anything_else_is_an_error_naming_year(string text)
    {
        var invalid = new InvalidValue();
        Assert.Null(ListQueryParser.Year(Query("year", text), invalid));
        Assert.Contains("year", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_last_year_there_is_lists_its_posts_without_an_upper_bound()
    {
        var query = ListQueryParser.Parse(Query("year", "9999"), null, out var error, out _);
        Assert.Null(error);
        Assert.Null(query.ToTicks);
        Assert.Equal(new DateTime(9999, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks, query.FromTicks);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("51")]
    [InlineData("ten")]
    public void A_limit_outside_its_range_is_an_error_naming_limit(string text)
    {
        var invalid = new InvalidValue();
        ListQueryParser.Limit(Query("limit", text), 10, 50, invalid);
        Assert.Contains("limit", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cursor_issued_for_another_query_is_an_error()
    {
        var invalid = new InvalidValue();
        var cursor = Archive.Api.Tokens.PageCursor.Issue("other", "k");
        Assert.Null(ListQueryParser.Cursor(Query("cursor", cursor), "this", invalid));
        Assert.Equal(ListQueryParser.CursorNotIssued, invalid.Message);
    }
}
