namespace Archive.Storage.Tables;

/// <summary>
/// Running totals of one scope (all posts, or one theme) in one shard, kept so that
/// <c>/api/themes</c> and <c>/api/reading-time</c> read a bounded number of entities whatever the
/// archive's size.
/// </summary>
public sealed class TotalsEntity : ArchiveEntity
{
    public string Scope { get; set; } = RowKeys.AllScope;
    public int Shard { get; set; }
    public int Posts { get; set; }
    public long Words { get; set; }
    public long Minutes { get; set; }

    /// <summary>Reading time in minutes → number of posts.</summary>
    public string HistogramJson { get; set; } = "{}";

    /// <summary>Theme spelling → number of posts using it.</summary>
    public string NamesJson { get; set; } = "{}";

    /// <summary>The five longest posts' summaries, longest first.</summary>
    public string LongestJson { get; set; } = "[]";

    public long? LatestTicks { get; set; }
    public string? LatestDate { get; set; }

    /// <summary>All-posts rows only: changes on every change to the shard's posts; the API's ETags derive from the shards' sum.</summary>
    public long Version { get; set; }

    /// <summary>All-posts rows only: random, set when the row is first created, so ETags never repeat across a reset.</summary>
    public string Generation { get; set; } = string.Empty;

    public DateTimeOffset? LastIngestAt { get; set; }

    /// <summary>
    /// All-posts rows only: the change log of this shard is complete after this sequence (tombstones
    /// up to it have been purged); a token from before it is answered 410.
    /// </summary>
    public long ChangesFrom { get; set; }

    /// <summary>A table string property holds 32K UTF-16 characters; a little is kept back.</summary>
    public const int MaxPropertyCharacters = 32_000;

    /// <summary>The first JSON property too large for the table, with its length; null when all fit.</summary>
    public (string Property, int Characters)? Oversized() =>
        new[] { (nameof(HistogramJson), HistogramJson.Length), (nameof(NamesJson), NamesJson.Length), (nameof(LongestJson), LongestJson.Length) }
            .Where(p => p.Length > MaxPropertyCharacters)
            .Select(p => ((string, int)?)p)
            .FirstOrDefault();
}
