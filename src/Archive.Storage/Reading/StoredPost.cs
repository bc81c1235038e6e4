using Archive.Core.Stored;

namespace Archive.Storage.Reading;

/// <summary>A served post as stored: its summary, its content and the blob (and version of it) it came from.</summary>
public sealed record StoredPost(StoredSummary Summary, StoredContent Content, string Blob, string ContentHash);
