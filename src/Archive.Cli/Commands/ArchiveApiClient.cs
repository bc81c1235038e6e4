using System.Net;
using System.Net.Http.Json;
using Archive.Api.Contracts;
using Archive.Core.Stored;
using Archive.Storage.Reading;
using Spectre.Console;

namespace Archive.Cli.Commands;

/// <summary>
/// The API as the CLI uses it after an upload or a deletion: what became of each blob
/// (<c>GET /api/admin/blobs/{name}</c>, with the admin key) and the post it became.
/// </summary>
public sealed class ArchiveApiClient(Uri api, string? key, TimeSpan timeout) : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private readonly HttpClient http = new() { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>
    /// Waits until each blob's state is about its own content (by hash) and no longer pending;
    /// returns the states found, and the blobs still waited on at the timeout.
    /// </summary>
    public async Task<(Dictionary<string, BlobState> Done, List<string> TimedOut)> WaitAsync(
        IReadOnlyDictionary<string, string?> hashes, CancellationToken cancellationToken)
    {
        var done = new Dictionary<string, BlobState>(StringComparer.Ordinal);
        var waiting = hashes.Keys.ToList();
        var deadline = DateTimeOffset.UtcNow + timeout;
        await AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask("Processing", maxValue: Math.Max(1, waiting.Count));
                while (waiting.Count > 0 && DateTimeOffset.UtcNow < deadline)
                {
                    var states = new System.Collections.Concurrent.ConcurrentBag<BlobState>();
                    await Parallel.ForEachAsync(waiting, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (name, ct) =>
                        states.Add(await StateAsync(name, ct)));
                    // Gone or not a post: nothing more will come of it, whatever content it names.
                    foreach (var state in states.Where(s => s.State is BlobStateKind.Absent or BlobStateKind.Ignored || (s.State != BlobStateKind.Pending && s.ContentHash == hashes[s.Blob])))
                    {
                        done[state.Blob] = state;
                        waiting.Remove(state.Blob);
                        task.Increment(1);
                    }

                    if (waiting.Count > 0)
                    {
                        await Task.Delay(Interval, cancellationToken);
                    }
                }
            });

        return (done, waiting);
    }

    /// <summary>Waits until none of the posts is served; returns those still served at the timeout.</summary>
    public async Task<List<string>> WaitUntilGoneAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var served = ids.ToList();
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (served.Count > 0 && DateTimeOffset.UtcNow < deadline)
        {
            foreach (var id in served.ToList())
            {
                if (await PostAsync(id, cancellationToken) is null)
                {
                    served.Remove(id);
                }
            }

            if (served.Count > 0)
            {
                await Task.Delay(Interval, cancellationToken);
            }
        }

        return served;
    }

    public async Task<BlobState> StateAsync(string blobName, CancellationToken cancellationToken)
    {
        // As a query value: a path would be normalised (a/../x.md is x.md to any URL), a query value is the name as stored.
        using var request = new HttpRequestMessage(HttpMethod.Get, "admin/blobs?name=" + Uri.EscapeDataString(blobName));
        if (key is { Length: > 0 })
        {
            request.Headers.Add("x-functions-key", key);
        }

        using var response = await SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new InvalidOperationException($"the API at {api} refused the admin key ({(int)response.StatusCode}); pass --key (in Azure, a function key) or set Archive:AdminKey");
        }

        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            // Not storage: the address names no Archive API (a wrong --api, another server on the port).
            throw new InvalidOperationException($"the API at {api} has no route admin/blobs (404): is that Archive's API (its address ends in /api/)? Pass --api");
        }

        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            throw new InvalidOperationException($"the API at {api} answers that storage does not answer (503); try again shortly");
        }

        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<BlobState>(ApiJson.Options, cancellationToken))!;
    }

    /// <summary>A served post (its words, minutes, source blob), or null when it is not served (any more).</summary>
    public async Task<PostDetail?> PostAsync(string id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "posts/" + Uri.EscapeDataString(id));
        using var response = await SendAsync(request, cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound
            ? null
            : await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<PostDetail>(ApiJson.Options, cancellationToken);
    }

    public void Dispose() => http.Dispose();

    /// <summary>The request sent; an API that does not answer is said as such (the upload itself is done), not taken for storage.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException error)
        {
            throw new InvalidOperationException(
                $"the API at {api} does not answer ({error.Message}); the files are in the container. Start the API (./start.sh), pass --api, or --no-wait to only upload", error);
        }
    }
}
