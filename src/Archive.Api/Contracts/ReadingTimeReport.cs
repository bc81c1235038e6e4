using Archive.Storage.Totals;

namespace Archive.Api.Contracts;

public sealed record ReadingTimeBucket(int MinMinutes, int? MaxMinutes, int Posts);

public sealed record ThemeReadingTime(string Slug, string Name, int Posts, long TotalMinutes, double MeanMinutes);

/// <summary><c>/api/reading-time</c> (contract §4), computed from stored totals only.</summary>
public sealed record ReadingTimeReport(
    int Posts,
    long TotalWords,
    long TotalMinutes,
    double MeanMinutes,
    int MedianMinutes,
    int P90Minutes,
    int MaxMinutes,
    IReadOnlyList<ReadingTimeBucket> Buckets,
    IReadOnlyList<ThemeReadingTime> ByTheme,
    IReadOnlyList<PostSummary> Longest)
{
    /// <summary>Lower bounds of the buckets; the last is open-ended.</summary>
    public static readonly int[] BucketStarts = [1, 2, 4, 6, 11, 21];

    public static ReadingTimeReport From(ScopeTotals scope, IEnumerable<ScopeTotals> themes, TotalsSnapshot snapshot)
    {
        var histogram = scope.Histogram;
        var buckets = BucketStarts.Select((start, i) =>
        {
            int? end = i + 1 < BucketStarts.Length ? BucketStarts[i + 1] - 1 : null;
            return new ReadingTimeBucket(start, end, histogram.Where(h => h.Key >= start && (end is null || h.Key <= end)).Sum(h => h.Value));
        }).ToList();

        return new ReadingTimeReport(
            scope.Posts,
            scope.Words,
            scope.Minutes,
            Mean(scope.Minutes, scope.Posts),
            NearestRank(histogram, scope.Posts, 50),
            NearestRank(histogram, scope.Posts, 90),
            histogram.Count == 0 ? 0 : histogram.Keys.Max(),
            buckets,
            themes.OrderByDescending(t => t.Posts).ThenBy(t => t.Scope, StringComparer.Ordinal)
                .Select(t => new ThemeReadingTime(t.Scope, t.DisplayName, t.Posts, t.Minutes, Mean(t.Minutes, t.Posts)))
                .ToList(),
            scope.Longest.Select(p => snapshot.Served(p.Summary)).ToList());
    }

    public static double Mean(long total, int count) =>
        count == 0 ? 0 : Math.Round((double)total / count, 2, MidpointRounding.AwayFromZero);

    /// <summary>The value at rank ⌈p·n⌉ of the sorted reading times (0 when there are none); integer arithmetic, so 90% of 30 is rank 27, not 28.</summary>
    public static int NearestRank(IReadOnlyDictionary<int, int> histogram, int count, int percent)
    {
        if (count == 0)
        {
            return 0;
        }

        var rank = (int)(((long)percent * count + 99) / 100);
        var seen = 0;
        foreach (var (minutes, posts) in histogram.OrderBy(h => h.Key))
        {
            seen += posts;
            if (seen >= rank)
            {
                return minutes;
            }
        }

        return histogram.Keys.Max();
    }
}
