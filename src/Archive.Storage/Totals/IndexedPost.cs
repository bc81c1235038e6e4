using Archive.Core.Contract;

namespace Archive.Storage.Totals;

/// <summary>A served post as totals see it.</summary>
public sealed record IndexedPost(string Key, PostSummary Summary, long? DateTicks)
{
    /// <summary>Longest first; ties by id, as the longest index orders them.</summary>
    public static readonly Comparison<IndexedPost> LongestFirst = (a, b) =>
    {
        var byWords = b.Summary.WordCount.CompareTo(a.Summary.WordCount);
        return byWords != 0 ? byWords : string.CompareOrdinal(a.Key, b.Key);
    };
}
