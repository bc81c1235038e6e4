namespace Archive.Storage.Ingestion;

/// <summary>What ingesting (or removing) one blob did.</summary>
public sealed record IngestResult(string Blob, IngestOutcome Outcome, string? PostId = null, string? Reason = null);
