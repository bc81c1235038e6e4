using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Archive.Storage.Tables;

/// <summary>
/// Every entity lives in one partition so that a post and the totals change in one entity-group
/// transaction. Row keys start with a kind prefix; docs/storage.md has the layout.
/// </summary>
public static class RowKeys
{
    public const string Partition = "archive";
    public const string AllScope = "*";
    public const string TotalsPrefix = "a|";
    public const string RejectionPrefix = "r|";
    public const string BlobPrefix = "b|";
    public const string PostPrefix = "p|";
    public const string ChangePrefix = "c|";
    public const string DependentPrefix = "d|";

    /// <summary>The version row: every shard's version in one small entity, what instances read to learn whether anything changed.</summary>
    public const string Version = "v|*";

    /// <summary>A key that no row key of the kind reaches: the exclusive end of a prefix range.</summary>
    public static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    public static string Post(string idKey) => PostPrefix + idKey;

    public static string Blob(string blobName) => BlobPrefix + NameHash(blobName);

    public static string Rejection(string blobName) => RejectionPrefix + NameHash(blobName);

    /// <summary>A post that references a blob (§11), keyed by the blob first: a blob's dependents are one range.</summary>
    public static string Dependent(string targetHash, string sourceBlob) => DependentsOf(targetHash) + NameHash(sourceBlob);

    public static string DependentsOf(string targetHash) => DependentPrefix + targetHash + "|";

    // Blob names may hold characters a row key may not ('/', '#', '?', control characters) and may be longer.
    public static string NameHash(string blobName) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(blobName)));

    /// <summary>The row keys of one shard of the totals: its all-posts row and its theme rows, in one range.</summary>
    public static string ShardPrefix(int shard) => TotalsPrefix + shard.ToString("D2", CultureInfo.InvariantCulture) + "|";

    public static string ShardTotals(int shard) => ShardPrefix(shard) + AllScope;

    public static string ThemeTotals(int shard, string themeSlug) => ShardPrefix(shard) + "t|" + themeSlug;

    /// <summary>The totals row's shard, or null for a row of the unsharded layout (<c>a|*</c>, <c>a|t|{slug}</c>) that recomputing removes.</summary>
    public static int? ShardOf(string totalsRowKey) =>
        totalsRowKey.Length > 5 && totalsRowKey[4] == '|' && int.TryParse(totalsRowKey.AsSpan(2, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var shard)
            ? shard
            : null;

    /// <summary>
    /// A change log entry: its shard's sequence first (so entries of all shards interleave roughly in
    /// time), then the shard, then the post, since one transaction may change several posts of a shard.
    /// </summary>
    public static string Change(long seq, int shard, string idKey) => ChangeSeq(seq) + shard.ToString("D2", CultureInfo.InvariantCulture) + "|" + idKey;

    /// <summary>A key after every entry of <paramref name="shard"/> up to <paramref name="seq"/> and before any later one (ids never hold '~').</summary>
    public static string ChangesThrough(long seq, int shard) => Change(seq, shard, "~");

    /// <summary>A key before every entry from <paramref name="seq"/> on.</summary>
    public static string ChangeSeq(long seq) => ChangePrefix + seq.ToString("D12", CultureInfo.InvariantCulture) + "|";

    /// <summary>The sequence an entry key (or a position between entries) names.</summary>
    public static long SeqOfChange(string changeKey) =>
        changeKey.Length >= ChangePrefix.Length + 12 ? long.Parse(changeKey.AsSpan(ChangePrefix.Length, 12), NumberStyles.None, CultureInfo.InvariantCulture) : 0;

    /// <summary>What orders a post in a list (before its id); posts without a date sort last either way.</summary>
    public static string SortValue(ListSort sort, long? dateTicks, int wordCount) => sort switch
    {
        ListSort.Newest => dateTicks is { } t ? DescendingTicks(t) : NoDate,
        ListSort.Oldest => dateTicks is { } t ? AscendingTicks(t) : NoDate,
        ListSort.Longest => (int.MaxValue - wordCount).ToString("D10", CultureInfo.InvariantCulture),
        ListSort.Shortest => wordCount.ToString("D10", CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(sort)),
    };

    public const string NoDate = "z";

    public static string AscendingTicks(long ticks) => ticks.ToString("D19", CultureInfo.InvariantCulture);

    public static string DescendingTicks(long ticks) => (DateTime.MaxValue.Ticks - ticks).ToString("D19", CultureInfo.InvariantCulture);
}
