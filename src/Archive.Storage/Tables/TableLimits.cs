namespace Archive.Storage.Tables;

/// <summary>
/// Azure Table Storage's own limits, and the work Archive does at once against it. The service's:
/// https://learn.microsoft.com/rest/api/storageservices/performing-entity-group-transactions and
/// https://learn.microsoft.com/rest/api/storageservices/query-timeout-and-pagination.
/// </summary>
public static class TableLimits
{
    /// <summary>Operations in one entity-group transaction (one partition, at most 100, 4 MiB).</summary>
    public const int EntitiesPerTransaction = 100;

    /// <summary>
    /// What a transaction may plan: one entity is kept for the version row (<c>v|*</c>) that every
    /// transaction writing a shard's all-posts row also merges (<see cref="Totals.ArchiveVersion"/>).
    /// </summary>
    public const int PlannedPerTransaction = EntitiesPerTransaction - 1;

    /// <summary>Entities one query page returns at most.</summary>
    public const int QueryPageSize = 1000;

    /// <summary>Blobs ingested at once by a reconcile (downloads, parses and writes in flight).</summary>
    public const int IngestParallelism = 8;
}
