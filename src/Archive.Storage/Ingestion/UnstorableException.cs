namespace Archive.Storage.Ingestion;

/// <summary>A post whose entities would not fit the table's limits; the message is the blob's rejection reason.</summary>
internal sealed class UnstorableException(string reason) : Exception(reason);
