using Archive.Storage.Tables;
using Archive.Storage.Totals;

namespace Archive.Storage.Tests;

/// <summary>The table's keys: ranges that hold exactly their prefix, and a post's shard fixed by its id.</summary>
public sealed class RowKeysTests
{
    [Fact]
    public void A_prefix_range_ends_before_the_next_prefix_and_after_everything_it_holds()
    {
        var end = RowKeys.PrefixEnd(RowKeys.PostPrefix);
        Assert.True(string.CompareOrdinal(RowKeys.Post("zzzz"), end) < 0);
        Assert.True(string.CompareOrdinal(RowKeys.PostPrefix, end) < 0);
        Assert.False(RowKeys.Post("a").StartsWith(end, StringComparison.Ordinal));
    }

    [Fact]
    public void A_post_always_falls_in_the_same_shard_and_every_shard_is_used()
    {
        Assert.Equal(TotalsShards.Of(RowKeys.Post("thread_0311")), TotalsShards.Of(RowKeys.Post("thread_0311")));
        var shards = Enumerable.Range(0, 2000).Select(i => TotalsShards.Of(RowKeys.Post($"p{i}"))).ToHashSet();
        Assert.Equal(TotalsShards.Count, shards.Count);
        Assert.All(shards, s => Assert.InRange(s, 0, TotalsShards.Count - 1));
    }

    [Fact]
    public void A_totals_row_names_its_shard()
    {
        Assert.Equal(7, RowKeys.ShardOf(RowKeys.ShardTotals(7)));
        Assert.Equal(3, RowKeys.ShardOf(RowKeys.ThemeTotals(3, "cold-war-history")));
    }
}
