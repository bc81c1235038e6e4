namespace Archive.Storage.Tables;

/// <summary>
/// One entry of the change log (contract §9): the latest change of one post, written in the
/// transaction that made it. Keyed by its shard's sequence (<see cref="RowKeys.Change"/>), so that
/// what changed since a position is one range of the table; docs/storage.md has the design.
/// </summary>
public sealed class ChangeEntity : ArchiveEntity
{
    public const string UpsertKind = "upsert";
    public const string DeleteKind = "delete";

    public int Shard { get; set; }
    public long Seq { get; set; }

    /// <summary>The post's id as it was served (or is now, for an upsert).</summary>
    public string Id { get; set; } = string.Empty;

    public string Kind { get; set; } = UpsertKind;

    /// <summary>The post is gone from the table (deleted, or its blob now gives another id): the entry is kept only for <c>Archive:TombstoneDays</c>.</summary>
    public bool Tombstone { get; set; }

    /// <summary>Upserts only: the summary as served, <c>updatedAt</c> included.</summary>
    public string? SummaryJson { get; set; }

    /// <summary>Upserts only: what else an instance's catalog keeps of the post, so it follows the log without reading posts.</summary>
    public long? DateTicks { get; set; }

    public string? Blob { get; set; }
    public string? ContentHash { get; set; }
    public string? ContentBlob { get; set; }

    public DateTimeOffset At { get; set; }
}
