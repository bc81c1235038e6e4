using System.Globalization;
using Archive.Storage.Tables;
using Azure;
using Azure.Data.Tables;

namespace Archive.Storage.Totals;

/// <summary>What a shard's all-posts row says of the shard as a whole: its version, generation, how far its log is kept and its last ingest.</summary>
public sealed record ShardHead(long Version, string Generation, long ChangesFrom, DateTimeOffset? LastIngestAt)
{
    public static ShardHead Of(TotalsEntity allPosts) => new(allPosts.Version, allPosts.Generation, allPosts.ChangesFrom, allPosts.LastIngestAt);

    /// <summary>The same shards with the same heads.</summary>
    public static bool Same(IReadOnlyDictionary<int, ShardHead> a, IReadOnlyDictionary<int, ShardHead> b) =>
        a.Count == b.Count && a.All(h => b.TryGetValue(h.Key, out var other) && other == h.Value);
}

/// <summary>
/// The version row <c>v|*</c>: every shard's <see cref="ShardHead"/> in one entity of at most 64
/// properties, whatever the number of themes or posts. Every transaction that writes a shard's
/// all-posts row merges that shard's properties into it (<c>V07</c>, <c>G07</c>, <c>F07</c>,
/// <c>I07</c>) without an ETag: writers of different shards touch different properties and never
/// refuse each other, and writers of one shard are already ordered by the all-posts row's ETag,
/// so each shard's properties only move forward. So one point read tells an instance whether
/// anything changed (docs/storage.md). Rows merged before every shard was known are not
/// <see cref="Complete"/>; the recompute completes them under the row's ETag, and until then
/// readers read the totals.
/// </summary>
public sealed class ArchiveVersion
{
    private const string CompleteProperty = "Complete";

    private ArchiveVersion(IReadOnlyDictionary<int, ShardHead> shards, bool complete, ETag etag)
    {
        Shards = shards;
        Complete = complete;
        ETag = etag;
    }

    public IReadOnlyDictionary<int, ShardHead> Shards { get; }

    /// <summary>Every shard that has an all-posts row is in it.</summary>
    public bool Complete { get; }

    public ETag ETag { get; }

    public static ArchiveVersion Of(IReadOnlyDictionary<int, ShardHead> shards) => new(shards, true, default);

    /// <summary>The row as read; an absent row (<paramref name="entity"/> null) is not complete.</summary>
    public static ArchiveVersion From(TableEntity? entity)
    {
        if (entity is null)
        {
            return new ArchiveVersion(new Dictionary<int, ShardHead>(), false, default);
        }

        var shards = new Dictionary<int, ShardHead>();
        for (var shard = 0; shard < TotalsShards.Count; shard++)
        {
            if (entity.GetInt64(Name('V', shard)) is { } version)
            {
                shards[shard] = new ShardHead(version, entity.GetString(Name('G', shard)) ?? string.Empty, entity.GetInt64(Name('F', shard)) ?? 0, entity.GetDateTimeOffset(Name('I', shard)));
            }
        }

        return new ArchiveVersion(shards, entity.GetBoolean(CompleteProperty) == true, entity.ETag);
    }

    /// <summary>The merge a transaction that writes these all-posts rows adds: only their shards' properties.</summary>
    public static TableEntity MergeOf(IEnumerable<TotalsEntity> allPostsRows)
    {
        var entity = new TableEntity(RowKeys.Partition, RowKeys.Version);
        foreach (var row in allPostsRows)
        {
            Set(entity, row.Shard, ShardHead.Of(row));
        }

        return entity;
    }

    /// <summary>The whole row, every shard of <paramref name="shards"/>: what completing it writes.</summary>
    public static TableEntity WholeOf(IReadOnlyDictionary<int, ShardHead> shards)
    {
        var entity = new TableEntity(RowKeys.Partition, RowKeys.Version) { [CompleteProperty] = true };
        foreach (var (shard, head) in shards)
        {
            Set(entity, shard, head);
        }

        return entity;
    }

    /// <summary>Both name the same version and generation of every shard.</summary>
    public bool SameAs(ArchiveVersion other) =>
        Shards.Count == other.Shards.Count
        && Shards.All(s => other.Shards.TryGetValue(s.Key, out var o) && o.Version == s.Value.Version && o.Generation == s.Value.Generation);

    private static void Set(TableEntity entity, int shard, ShardHead head)
    {
        entity[Name('V', shard)] = head.Version;
        entity[Name('G', shard)] = head.Generation;
        entity[Name('F', shard)] = head.ChangesFrom;
        if (head.LastIngestAt is { } at)
        {
            entity[Name('I', shard)] = at;
        }
    }

    private static string Name(char kind, int shard) => kind + shard.ToString("D2", CultureInfo.InvariantCulture);
}
