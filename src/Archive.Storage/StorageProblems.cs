using System.Collections.Concurrent;

namespace Archive.Storage;

/// <summary>
/// What this instance cannot do right now while it keeps serving what it holds (storage refusing
/// reads, a listing failing), each by its source: what <c>/api/health</c> reports as
/// <c>degraded</c> (§4). A source clears its problem when it works again.
/// </summary>
public sealed class StorageProblems
{
    private readonly ConcurrentDictionary<string, string> problems = new(StringComparer.Ordinal);

    public void Report(string source, string problem) => problems[source] = problem;

    public void Clear(string source) => problems.TryRemove(source, out _);

    /// <summary>Every problem now, ordered by source.</summary>
    public IReadOnlyList<string> Current => [.. problems.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value)];
}
