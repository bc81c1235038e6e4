using Azure;

namespace Archive.Storage.Ingestion;

internal static class Conflicts
{
    public const int MaxAttempts = 50;

    private const double FirstPauseMilliseconds = 4;
    private const double LongestPauseMilliseconds = 1000;

    /// <summary>
    /// True when a transaction failed because another writer got there first (412: an ETag moved;
    /// 409: an entity to add already exists; 404: an entity to delete is gone): read again and retry.
    /// </summary>
    public static bool IsLostRace(RequestFailedException error) => error.Status is 409 or 412 or 404;

    /// <summary>
    /// Exponential back-off with full jitter: the window doubles with each lost race (4 ms, 8 ms, ...,
    /// at most a second) and the pause is uniform within it, so writers that collided spread out
    /// instead of colliding again in lockstep.
    /// </summary>
    public static TimeSpan Pause(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(LongestPauseMilliseconds, FirstPauseMilliseconds * Math.Pow(2, Math.Min(attempt, 20))));

    public static Task BackOffAsync(int attempt, CancellationToken cancellationToken) => Task.Delay(Pause(attempt), cancellationToken);
}
