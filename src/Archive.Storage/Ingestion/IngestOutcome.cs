namespace Archive.Storage.Ingestion;

public enum IngestOutcome
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
