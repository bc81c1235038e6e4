using Azure;

namespace Archive.Storage.Ingestion;

internal static class Conflicts
{
    public const int MaxAttempts = 50;

    /// <summary>
    /// True when a transaction failed because another writer got there first (412: an ETag moved;
    /// 409: an entity to add already exists; 404: an entity to delete is gone): read again and retry.
    /// </summary>
    public static bool IsLostRace(RequestFailedException error) => error.Status is 409 or 412 or 404;

    /// <summary>A short random pause so that racing writers do not collide again in lockstep.</summary>
    public static Task BackOffAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 + Math.Min(attempt, 10) * 10)), cancellationToken);
}
