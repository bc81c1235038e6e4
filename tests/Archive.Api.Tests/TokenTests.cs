using Archive.Api.Tokens;
using Archive.Storage.Changes;
using Archive.Storage.Totals;

namespace Archive.Api.Tests;

/// <summary>Page cursors and change tokens: what was issued reads back, anything else is refused.</summary>
public sealed class TokenTests
{
    [Fact]
    public void A_cursor_reads_back_for_its_own_query_only()
    {
        var cursor = PageCursor.Issue("posts|newest|all", "0000123|thread_0311");
        Assert.True(PageCursor.TryRead(cursor, "posts|newest|all", out var after));
        Assert.Equal("0000123|thread_0311", after);
        Assert.False(PageCursor.TryRead(cursor, "posts|oldest|all", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-cursor")]
    [InlineData("eyJGIjoicG9zdHN8bmV3ZXN0fGFsbCIsIksiOiJ4IiwiUyI6IjAwMDAwMDAwMDAwMDAwMDAifQ")]
    public void A_cursor_that_was_not_issued_is_refused(string cursor) =>
        Assert.False(PageCursor.TryRead(cursor, "posts|newest|all", out _));

    [Fact]
    public void A_changed_character_anywhere_in_a_cursor_is_refused()
    {
        var cursor = PageCursor.Issue("search|pact|||", "20");
        for (var i = 0; i < cursor.Length; i++)
        {
            var changed = cursor[..i] + (cursor[i] == 'A' ? 'B' : 'A') + cursor[(i + 1)..];
            Assert.False(PageCursor.TryRead(changed, "search|pact|||", out _), $"changed at {i}: {changed}");
        }
    }

    [Fact]
    public void A_change_token_reads_back_and_a_forged_one_is_refused()
    {
        var versions = Enumerable.Range(0, TotalsShards.Count).Select(i => (long)i * 3).ToArray();
        var generations = Enumerable.Repeat("abc123", TotalsShards.Count).ToArray();
        var token = new ChangeToken(versions, generations, "c|0000000042|03|x");
        Assert.True(ChangeTokens.TryRead(ChangeTokens.Issue(token), out var read));
        Assert.Equal(token.Versions, read.Versions);
        Assert.Equal(token.Generations, read.Generations);
        Assert.Equal(token.Cut, read.Cut);

        var forged = ChangeTokens.Issue(token with { Versions = [.. versions.Select(v => v + 1)] });
        var mixed = forged[..(forged.Length / 2)] + ChangeTokens.Issue(token)[(forged.Length / 2)..];
        Assert.False(ChangeTokens.TryRead(mixed, out _));
        Assert.False(ChangeTokens.TryRead("e30", out _));
    }
}
