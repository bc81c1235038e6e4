using System.ComponentModel.DataAnnotations;

namespace Archive.Cli.Local;

/// <summary>How the local host stands in for the blob trigger and the reconcile timer (section "Archive").</summary>
public sealed class WatchOptions
{
    /// <summary>Seconds between looks at the posts container; 0 turns the watcher off.</summary>
    [Range(0, 3600)]
    public double WatchIntervalSeconds { get; set; } = 1;

    /// <summary>Minutes between full reconciles that also recompute every total.</summary>
    [Range(1, 1440)]
    public int RecomputeIntervalMinutes { get; set; } = 5;
}
