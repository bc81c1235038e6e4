using Archive.Core.Stored;
using Archive.Storage.Tables;
using Archive.Storage.Totals;
using CsCheck;

namespace Archive.Storage.Tests;

/// <summary>
/// The sharded totals' one promise, as a property: whatever posts come and go, the shards added up
/// (<see cref="ScopeTotals.Merge"/>) hold the same figures as one total kept over every post.
/// </summary>
public sealed class ShardedTotalsProperties
{
    private static readonly string[] Themes = ["north", "south", "east"];

    private static readonly Gen<IndexedPost> Post =
        Gen.Select(Gen.Int[0, 999], Gen.Int[1, 3000], Gen.Int[0, 2], Gen.Int[0, 2000].Nullable(), (n, words, theme, day) => new IndexedPost(
            RowKeys.Post($"p{n:D3}"),
            new StoredSummary
            {
                Id = $"p{n:D3}", Slug = $"p{n:D3}", Title = $"Post {n}", Description = string.Empty, Tags = [],
                Theme = new StoredTheme(Themes[theme], Themes[theme]), WordCount = words, ReadingTime = Math.Max(1, words / 200),
                Date = day is { } d ? new DateOnly(2020, 1, 1).AddDays(d).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null,
            },
            day is { } t ? new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(t).Ticks : null));

    [Fact]
    public void Shards_added_up_equal_one_total_over_every_post() =>
        Gen.Select(Post.Array[1, 120], Gen.Int[0, 60]).Sample((posts, removed) =>
        {
            var kept = posts.DistinctBy(p => p.Key).ToList();
            var leaving = kept.Take(Math.Min(removed, kept.Count - 1)).ToList();
            var staying = kept.Skip(leaving.Count).ToList();

            // Kept in shards as ingests keep them: every post added, some removed again (the gaps refilled from the shard's others).
            var shards = new Dictionary<(int, string), ScopeTotals>();
            ScopeTotals Shard(IndexedPost post, string scope)
            {
                var key = (TotalsShards.Of(post.Key), scope);
                return shards.TryGetValue(key, out var totals) ? totals : shards[key] = ScopeTotals.Empty(scope, key.Item1);
            }

            foreach (var post in kept)
            {
                Shard(post, RowKeys.AllScope).Add(post);
                Shard(post, post.Summary.Theme.Slug).Add(post);
            }

            foreach (var post in leaving)
            {
                foreach (var scope in new[] { RowKeys.AllScope, post.Summary.Theme.Slug })
                {
                    var totals = Shard(post, scope);
                    totals.Remove(post);
                    totals.Refill(staying.Where(p => TotalsShards.Of(p.Key) == totals.Entity.Shard && (scope == RowKeys.AllScope || p.Summary.Theme.Slug == scope)));
                }
            }

            // One total over the posts that stayed, per scope.
            foreach (var scope in Themes.Prepend(RowKeys.AllScope))
            {
                var expected = ScopeTotals.Empty(scope, 0);
                foreach (var post in staying.Where(p => scope == RowKeys.AllScope || p.Summary.Theme.Slug == scope))
                {
                    expected.Add(post);
                }

                var merged = ScopeTotals.Merge(scope, shards.Where(s => s.Key.Item2 == scope).Select(s => s.Value));
                Assert.True(merged.SameFiguresAs(expected), $"{scope}: {merged.Posts} posts merged, {expected.Posts} expected");
            }
        });
}
