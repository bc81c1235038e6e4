namespace Archive.Storage.Ingestion;

/// <summary>What reconciling the container with the index did; <see cref="Failed"/> blobs are named in <see cref="Changes"/>, with the reason.</summary>
public sealed record ReconcileReport(
    int Blobs,
    int Added,
    int Updated,
    int Unchanged,
    int Rejected,
    int Ignored,
    int Removed,
    int Failed,
    int TotalsRepaired,
    IReadOnlyList<IngestResult> Changes)
{
    /// <summary>Content blobs no post pointed to, removed (full reconciles that recompute the totals only).</summary>
    public int OrphanedContentRemoved { get; init; }

    /// <summary>Change log tombstones past <see cref="IngestOptions.TombstoneDays"/>, removed (as <see cref="OrphanedContentRemoved"/>).</summary>
    public int TombstonesPurged { get; init; }

    public bool ChangedAnything => Added + Updated + Removed + TotalsRepaired > 0;
}
