using System.Diagnostics.Metrics;
using Archive.Storage.Ingestion;

namespace Archive.Storage;

/// <summary>
/// What an operator watches, as metrics with dimensions (exported to Application Insights by the
/// Functions app): blobs ingested by outcome and path, ingest latency, lost races by what moved,
/// and give-ups. Meter <see cref="MeterName"/>; the README (Telemetry) lists the instruments.
/// </summary>
public sealed class IngestMetrics
{
    public const string MeterName = "Archive.Ingestion";

    private readonly Counter<long> blobs;
    private readonly Histogram<double> duration;
    private readonly Counter<long> lostRaces;
    private readonly Counter<long> gaveUp;
    private readonly Counter<long> throttled;

    public IngestMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        blobs = meter.CreateCounter<long>("archive.ingest.blobs", "{blob}", "Blobs ingested, by outcome (added, updated, unchanged, rejected, removed, failed, ...) and path (single, reconcile)");
        duration = meter.CreateHistogram<double>("archive.ingest.duration", "ms", "Time to ingest one blob on the single-blob path (download, parse, commit), by outcome");
        lostRaces = meter.CreateCounter<long>("archive.ingest.lost_races", "{race}", "Transactions refused because a concurrent writer moved what they read (each one is retried), by operation and what moved (totals, post)");
        throttled = meter.CreateCounter<long>("archive.ingest.throttled", "{refusal}", "Attempts storage refused as too busy (503 ServerBusy, 500 OperationTimedOut); each waits as asked and runs again, by operation");
        gaveUp = meter.CreateCounter<long>("archive.ingest.gave_up", "{blob}", "Ingests abandoned after every attempt lost a race, by operation");
    }

    /// <summary>One blob's outcome; <paramref name="path"/> is "single" (a trigger, an event) or "reconcile" (the timer, the watcher, reindex).</summary>
    public void Ingested(IngestOutcome result, string path, TimeSpan? elapsed = null)
    {
        var outcome = new KeyValuePair<string, object?>("outcome", result.ToString().ToLowerInvariant());
        blobs.Add(1, outcome, new KeyValuePair<string, object?>("path", path));
        if (elapsed is { } time)
        {
            duration.Record(time.TotalMilliseconds, outcome);
        }
    }

    internal void LostRace(string operation, TableTransaction? transaction) =>
        lostRaces.Add(
            1,
            new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>("moved", transaction?.FailedOnTotals == true ? "totals" : "post"));

    internal void Throttled(string operation) => throttled.Add(1, new KeyValuePair<string, object?>("operation", operation));

    internal InvalidOperationException GaveUp(string operation, string subject, int attempts)
    {
        gaveUp.Add(1, new KeyValuePair<string, object?>("operation", operation));
        return new InvalidOperationException($"Gave up on {subject} after {attempts} attempts lost to concurrent writers");
    }
}
