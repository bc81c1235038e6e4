using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Archive.Storage;

/// <summary>
/// Counts the requests the storage clients send (every attempt, retries included), by method and
/// service, so tests and benchmarks can state what a route or an ingest costs in transactions.
/// </summary>
public sealed class StorageRequestCounter : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);

    public int Total => counts.Values.Sum();

    /// <summary>Requests that change something (PUT, POST, PATCH, MERGE, DELETE; a table batch is one POST).</summary>
    public int Writes => counts.Where(c => !c.Key.StartsWith("GET", StringComparison.Ordinal) && !c.Key.StartsWith("HEAD", StringComparison.Ordinal)).Sum(c => c.Value);

    public IReadOnlyDictionary<string, int> ByKind => new Dictionary<string, int>(counts);

    public void Reset() => counts.Clear();

    public override void OnSendingRequest(HttpMessage message)
    {
        // Only the Tables client sends the OData DataServiceVersion header.
        var service = message.Request.Headers.TryGetValue("DataServiceVersion", out _) ? "table" : "blob";
        counts.AddOrUpdate($"{message.Request.Method} {service}", 1, (_, n) => n + 1);
    }
}
