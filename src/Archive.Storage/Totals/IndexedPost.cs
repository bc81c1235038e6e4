using Archive.Core.Stored;
using Archive.Core.Text;

namespace Archive.Storage.Totals;

/// <summary>A served post as totals see it.</summary>
public sealed record IndexedPost(string Key, StoredSummary Summary, long? DateTicks)
{
    private HashSet<string>? tagKeys;

    /// <summary>Where the post's rendered content is, and where it came from (what a post's page and a feed item need); empty where not read.</summary>
    public string ContentBlob { get; init; } = string.Empty;

    public string Blob { get; init; } = string.Empty;
    public string ContentHash { get; init; } = string.Empty;

    /// <summary>
    /// Stands for what a post's own response is made of (content, source blob, ingest time):
    /// hashed once per post version, stable across instances.
    /// </summary>
    public string VersionTag => versionTag ??= Convert.ToHexStringLower(
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{ContentBlob}|{Blob}|{Summary.UpdatedAt.UtcTicks}")))[..16];

    private string? versionTag;

    /// <summary>The keys of the post's tags (§8), worked out on first use.</summary>
    public IReadOnlySet<string> TagKeys => tagKeys ??= Summary.Tags.Select(TagKey.Of).ToHashSet(StringComparer.Ordinal);

    /// <summary>Longest first; ties by id, as the longest index orders them.</summary>
    public static readonly Comparison<IndexedPost> LongestFirst = (a, b) =>
    {
        var byWords = b.Summary.WordCount.CompareTo(a.Summary.WordCount);
        return byWords != 0 ? byWords : string.CompareOrdinal(a.Key, b.Key);
    };
}
