namespace Archive.Storage.Tables;

/// <summary>What Archive last made of one blob: the post it gave (if any) and its current rejection (if any).</summary>
public sealed class BlobEntity : ArchiveEntity
{
    public string Blob { get; set; } = string.Empty;

    /// <summary>Row key of the post the last good version gave; null when there never was one.</summary>
    public string? PostKey { get; set; }

    /// <summary>Hash of the last good version.</summary>
    public string? ContentHash { get; set; }

    /// <summary>The blob's ETag and MD5 when last read, so reconciling can skip unchanged blobs without downloading them.</summary>
    public string? BlobETag { get; set; }

    public string? BlobMd5 { get; set; }

    public string? RejectedHash { get; set; }

    public string? RejectedReason { get; set; }

    /// <summary>Hash of content whose ingest began and has not ended (see IngestAttempts), and how many times it began.</summary>
    public string? AttemptHash { get; set; }

    public int Attempts { get; set; }

    /// <summary>The version of Archive's rendering (posts) or image processing (images) that made what the record names; an older one is made again by the next reconcile.</summary>
    public int Rendering { get; set; }

    /// <summary>Hashes of the blob names the post references (§11), comma-separated: its rows among the dependents, to remove when it stops referencing one.</summary>
    public string? References { get; set; }

    /// <summary>A served image (§11): its type, size as shown, bytes served, version (the hash its copies are stored under) and variants (<c>480x360,960x720</c>).</summary>
    public string? MediaType { get; set; }

    public int MediaWidth { get; set; }

    public int MediaHeight { get; set; }

    public long MediaBytes { get; set; }

    public string? MediaVersion { get; set; }

    public string? MediaVariants { get; set; }

    /// <summary>A copy to change for a write that may fail, leaving the record as read intact for a retry.</summary>
    public BlobEntity Copy() => (BlobEntity)MemberwiseClone();
}
