using Azure;
using Azure.Data.Tables;

namespace Archive.Storage.Ingestion;

/// <summary>
/// The one retry of writes guarded by ETags: an attempt reads, plans and submits; when another
/// writer got there first (<see cref="IsLostRace"/>) the attempt is counted (metric
/// <c>archive.ingest.lost_races</c>), pauses with jittered exponential back-off and runs again, at
/// most <see cref="MaxAttempts"/> times, then gives up loudly (metric <c>archive.ingest.gave_up</c>
/// and an exception). Only a loss that <see cref="RaceAttempt"/> reports is retried, and a
/// refusal of a busy table (<see cref="IsThrottled"/>): that attempt waits as the service asked
/// (<c>Retry-After</c>) or with back-off from a second to <see cref="LongestThrottledPause"/>, and
/// runs again without using up an attempt, for up to <see cref="LongestThrottled"/> in all (metric
/// <c>archive.ingest.throttled</c>). Any other failure inside an attempt surfaces as it is.
/// </summary>
public sealed class LostRaces(IngestMetrics metrics, LocalWrites writes, TimeProvider time)
{
    public const int MaxAttempts = 50;

    /// <summary>How long one ingest keeps waiting out a busy table before it fails (and its trigger retries it later).</summary>
    public static readonly TimeSpan LongestThrottled = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan LongestThrottledPause = TimeSpan.FromSeconds(30);

    private const double FirstPauseMilliseconds = 4;
    private const double LongestPauseMilliseconds = 1000;

    /// <summary>
    /// A transaction lost to another writer: 412 (an ETag moved), 409 (an entity to add exists
    /// already), or 404 <c>ResourceNotFound</c>, an entity to replace or delete that another writer
    /// removed. Any other 404 (<c>TableNotFound</c>) is no race: no retry will make the table appear.
    /// </summary>
    public static bool IsLostRace(RequestFailedException error) =>
        error.Status is 409 or 412 || (error.Status == 404 && error.ErrorCode == EntityGone);

    private const string EntityGone = "ResourceNotFound";

    /// <summary>
    /// The service refused for load, not for what was asked: 503 <c>ServerBusy</c> (a partition or
    /// account over its target), 500 <c>OperationTimedOut</c>, or 429. Nothing was written, or the
    /// next attempt's reads show what was.
    /// </summary>
    public static bool IsThrottled(RequestFailedException error) =>
        error.Status is 503 or 429 || (error.Status == 500 && error.ErrorCode == "OperationTimedOut");

    /// <summary>
    /// Exponential back-off with full jitter: the window doubles with each lost race (4 ms, 8 ms, ...,
    /// at most a second) and the pause is uniform within it, so writers that collided spread out
    /// instead of colliding again in lockstep.
    /// </summary>
    public static TimeSpan Pause(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(LongestPauseMilliseconds, FirstPauseMilliseconds * Math.Pow(2, Math.Min(attempt, 20))));

    /// <summary>Runs <paramref name="attempt"/> until it returns; <paramref name="gaveUp"/>, when given, answers instead of the exception after the last attempt.</summary>
    internal async Task<T> RunAsync<T>(
        string operation, string subject, Func<RaceAttempt, Task<T>> attempt, CancellationToken cancellationToken, int attempts = MaxAttempts, Func<T>? gaveUp = null)
    {
        var state = new RaceAttempt(operation, metrics, writes);
        var throttledSince = (long?)null;
        var refusals = 0;
        for (var number = 0; number < attempts; number++)
        {
            state.Number = number;
            try
            {
                return await attempt(state);
            }
            catch (RequestFailedException error) when (IsThrottled(error) && (throttledSince is null || time.GetElapsedTime(throttledSince.Value) < LongestThrottled))
            {
                // Not a lost race: the attempt is run again as it was, after the wait the service asked for.
                metrics.Throttled(operation);
                throttledSince ??= time.GetTimestamp();
                state.ReadAgain = true;
                number--;
                var backOff = TimeSpan.FromSeconds(Math.Min(LongestThrottledPause.TotalSeconds, Math.Pow(2, Math.Min(refusals++, 5)) * (0.5 + Random.Shared.NextDouble() / 2)));
                await Task.Delay(StorageFailure.RetryAfter(error) ?? backOff, time, cancellationToken);
            }
            catch (LostRaceException lost)
            {
                state.ReadAgain = !lost.OnlyTotalsMoved;
                if (lost.Pause)
                {
                    await Task.Delay(Pause(number), time, cancellationToken);
                }
            }
        }

        return gaveUp is not null ? gaveUp() : throw metrics.GaveUp(operation, subject, attempts);
    }
}

/// <summary>One attempt of <see cref="LostRaces.RunAsync"/>: its number, what still stands from the one before, and the ways it reports a lost race.</summary>
internal sealed class RaceAttempt(string operation, IngestMetrics metrics, LocalWrites writes)
{
    public int Number { get; set; }

    /// <summary>False after a loss on the totals alone: the post and the record the attempt read still stand.</summary>
    public bool ReadAgain { get; set; } = true;

    /// <summary>Submits <paramref name="transaction"/>; a lost race is counted and ends the attempt (the next one runs after a pause).</summary>
    public async Task SubmitAsync(TableTransaction transaction, TableClient table, CancellationToken cancellationToken)
    {
        try
        {
            await transaction.SubmitAsync(table, cancellationToken);
            writes.Wrote();
        }
        catch (RequestFailedException error) when (LostRaces.IsLostRace(error))
        {
            metrics.LostRace(operation, transaction);
            throw new LostRaceException(transaction.FailedOnTotals, pause: true, error);
        }
    }

    /// <summary>A conditional write outside a transaction found the row moved: counted, and the attempt runs again after a pause.</summary>
    public Exception Lost()
    {
        metrics.LostRace(operation, null);
        return new LostRaceException(onlyTotalsMoved: false, pause: true);
    }

    /// <summary>What was read is stale for a reason of this writer's own making (it just removed a departed owner): run again at once.</summary>
    public static Exception Again() => new LostRaceException(onlyTotalsMoved: false, pause: false);

    /// <summary>Lost races already counted (several transactions of one attempt): run again after a pause.</summary>
    public static Exception Counted() => new LostRaceException(onlyTotalsMoved: false, pause: true);
}

internal sealed class LostRaceException(bool onlyTotalsMoved, bool pause, Exception? inner = null)
    : Exception("a concurrent writer moved what this attempt read", inner)
{
    public bool OnlyTotalsMoved { get; } = onlyTotalsMoved;

    public bool Pause { get; } = pause;
}
