using System.ComponentModel.DataAnnotations;

namespace Archive.Storage;

/// <summary>Where Archive keeps things (section "Archive" of the configuration).</summary>
public sealed class StorageOptions
{
    /// <summary>The blob container posts are uploaded to.</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string PostsContainer { get; set; } = "posts";

    /// <summary>The blob container for rendered post bodies (too large for table properties).</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string ContentContainer { get; set; } = "archive-content";

    /// <summary>The table holding posts, list indexes, totals, blob records and rejections.</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string Table { get; set; } = "archive";

    /// <summary>
    /// Off (0) in Azure. Above 0, the storage clients model Azure's throttling at this many
    /// entities per second per table partition (<see cref="Throttling.PartitionThrottle"/>): for
    /// trying the archive against Azurite as a throttled table would answer it.
    /// </summary>
    [Range(0, 1_000_000)]
    public int ThrottleEntitiesPerSecond { get; set; }
}
