using System.ComponentModel.DataAnnotations;

namespace Archive.Storage.Ingestion;

/// <summary>How ingestion guards itself (section "Archive" of the configuration).</summary>
public sealed class IngestOptions
{
    /// <summary>
    /// The last line of defence behind the parser's limits: a parse that takes longer is abandoned
    /// (the blob is retried, and quarantined after <see cref="IngestAttempts.QuarantineAfter"/> such attempts).
    /// </summary>
    [Range(1, 600)]
    public int ParseTimeoutSeconds { get; set; } = 30;

    /// <summary>Content blobs no post points to are removed once they are this old (younger ones may be about to be committed).</summary>
    [Range(0, 24 * 60)]
    public int OrphanContentMinutes { get; set; } = 10;

    /// <summary>
    /// Days the change log keeps a deleted post's tombstone (contract §9); a syncing client that
    /// waits longer between reads gets 410 and starts over.
    /// </summary>
    [Range(1, 3650)]
    public int TombstoneDays { get; set; } = 30;
}
