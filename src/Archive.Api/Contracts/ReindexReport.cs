using Archive.Storage.Ingestion;

namespace Archive.Api.Contracts;

/// <summary><c>POST /api/admin/reindex</c>: what reconciling the container with the index did; failed blobs are named in <see cref="Changes"/>, with the reason.</summary>
public sealed record ReindexReport(
    int Blobs,
    int Added,
    int Updated,
    int Unchanged,
    int Rejected,
    int Ignored,
    int Removed,
    int Failed,
    int TotalsRepaired,
    IReadOnlyList<ReindexChange> Changes,
    int OrphanedContentRemoved,
    int TombstonesPurged)
{
    public static ReindexReport From(ReconcileReport report) => new(
        report.Blobs, report.Added, report.Updated, report.Unchanged, report.Rejected, report.Ignored, report.Removed, report.Failed, report.TotalsRepaired,
        [.. report.Changes.Select(c => new ReindexChange(c.Blob, Outcome(c.Outcome), c.PostId, c.Reason))],
        report.OrphanedContentRemoved,
        report.TombstonesPurged);

    private static ReindexOutcome Outcome(IngestOutcome outcome) => outcome switch
    {
        IngestOutcome.Added => ReindexOutcome.Added,
        IngestOutcome.Updated => ReindexOutcome.Updated,
        IngestOutcome.Unchanged => ReindexOutcome.Unchanged,
        IngestOutcome.Rejected => ReindexOutcome.Rejected,
        IngestOutcome.Ignored => ReindexOutcome.Ignored,
        IngestOutcome.Removed => ReindexOutcome.Removed,
        IngestOutcome.NothingToRemove => ReindexOutcome.NothingToRemove,
        _ => ReindexOutcome.Failed,
    };
}

/// <summary>What reconciling did to one blob.</summary>
public sealed record ReindexChange(string Blob, ReindexOutcome Outcome, string? PostId, string? Reason);

public enum ReindexOutcome
{
    Added,
    Updated,
    Unchanged,
    Rejected,
    Ignored,
    Removed,

    /// <summary>Asked to remove a blob Archive held nothing for.</summary>
    NothingToRemove,

    /// <summary>Something failed for this blob alone (the reason says what); it is tried again at the next reconcile.</summary>
    Failed,
}
