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
}
