using Archive.Storage;
using Archive.Storage.Ingestion;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Archive.Functions;

/// <summary>
/// Blob events from Event Grid, as its subscription delivers them to a storage queue: each names a
/// blob, and the blob is brought in line with the index as it is now. A deletion removes its post;
/// an event that arrives after the blob came back finds it there and changes nothing, so the
/// order events arrive in does not matter.
/// </summary>
public sealed class BlobEventIngestor(Ingestor ingestor, IOptions<StorageOptions> options, ILogger<BlobEventIngestor> logger)
{
    /// <summary>The blobs of the posts container a queue message names (Event Grid or CloudEvents schema, one event or many).</summary>
    /// <exception cref="FormatException">Not an event: the message is left to the queue's poison handling, where an operator sees it.</exception>
    public IReadOnlyList<string> BlobNames(string message)
    {
        List<(string Type, string? Url)> events;
        try
        {
            var json = Decode(message);
            events = IsCloudEvents(json)
                ? [.. CloudEvent.ParseMany(json).Select(e => (e.Type, UrlOf(e.Data)))]
                : [.. EventGridEvent.ParseMany(json).Select(e => (e.EventType, UrlOf(e.Data)))];
        }
        catch (Exception error) when (error is ArgumentException or System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            throw new FormatException($"not an Event Grid event: {error.Message}", error);
        }

        var names = new List<string>();
        foreach (var (type, url) in events)
        {
            if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                logger.LogWarning("Ignored a {Type} event without a blob URL", type);
                continue;
            }

            var blob = new BlobUriBuilder(uri);
            if (blob.BlobContainerName == options.Value.PostsContainer && blob.BlobName.Length > 0)
            {
                names.Add(blob.BlobName);
            }
        }

        return names;
    }

    /// <summary>Every blob the message names, ingested as it is now (removed when it is gone).</summary>
    public async Task<IReadOnlyList<IngestResult>> IngestAsync(string message, CancellationToken cancellationToken)
    {
        var results = new List<IngestResult>();
        foreach (var name in BlobNames(message))
        {
            results.Add(await ingestor.IngestAsync(name, cancellationToken));
        }

        return results;
    }

    /// <summary>Event Grid may write the JSON as it is or Base64-encoded; both are read.</summary>
    private static BinaryData Decode(string message)
    {
        var trimmed = message.AsSpan().Trim();
        if (trimmed.Length > 0 && trimmed[0] is not ('{' or '['))
        {
            var buffer = new byte[trimmed.Length];
            if (Convert.TryFromBase64Chars(trimmed, buffer, out var written))
            {
                return BinaryData.FromBytes(buffer.AsMemory(0, written));
            }
        }

        return BinaryData.FromString(message);
    }

    /// <remarks>
    /// The SDK's parsers read a bare number, string or <c>null</c> as no events at all, and the
    /// message would complete as processed: anything but an event or an array of events is refused here.
    /// </remarks>
    private static bool IsCloudEvents(BinaryData json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var root = document.RootElement;
        var events = root.ValueKind == System.Text.Json.JsonValueKind.Array ? [.. root.EnumerateArray()] : new[] { root };
        if (events.Length == 0 || events.Any(e => e.ValueKind != System.Text.Json.JsonValueKind.Object))
        {
            throw new FormatException($"a JSON {root.ValueKind} holds no event object");
        }

        return events[0].TryGetProperty("specversion", out _);
    }

    private static string? UrlOf(BinaryData? data)
    {
        if (data is null)
        {
            return null;
        }

        using var document = System.Text.Json.JsonDocument.Parse(data);
        return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
            && document.RootElement.TryGetProperty("url", out var url) && url.ValueKind == System.Text.Json.JsonValueKind.String
            ? url.GetString()
            : null;
    }
}
