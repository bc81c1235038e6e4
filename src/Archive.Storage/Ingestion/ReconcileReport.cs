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
    public bool ChangedAnything => Added + Updated + Removed + TotalsRepaired > 0;
}
