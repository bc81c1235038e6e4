using Archive.Core.Text;

namespace Archive.Storage.Totals;

/// <summary>
/// Totals are kept in shards so that concurrent ingests do not all wait on one entity's ETag: a
/// post's counts live in the shard its id falls in, and readers add the shards up. docs/storage.md
/// weighs the count: more shards, fewer lost races, but more entities for readers to fetch.
/// </summary>
public static class TotalsShards
{
    public const int Count = 16;

    /// <summary>The shard of a post, fixed by its key (lower-case id) so that every version of a post counts in the same shard.</summary>
    public static int Of(string postKey) => (int)(Fnv1a.Hash(postKey) % Count);
}
