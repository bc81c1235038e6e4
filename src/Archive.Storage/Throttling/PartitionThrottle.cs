using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Archive.Storage.Throttling;

/// <summary>
/// A model of Azure Table Storage's throttling for tests and benchmarks against Azurite (which
/// never throttles): a policy on the real storage clients that counts the entities each table
/// partition reads and writes per second and, once a partition has used its budget for the
/// second, answers its next requests as the service does (503 <c>ServerBusy</c>, see
/// <see cref="ServerBusyResponse"/>) without sending them, so Azurite's data is untouched. Azure's
/// target for one partition is about 2,000 entities per second of 1 KiB (docs/storage.md,
/// "Throttling", which cites the page). It is the clients' transport, wrapping the real one, so
/// the SDK's retries are refused too and a refusal is parsed as the service's own (its error code).
/// Set only where asked for (<c>Archive:ThrottleEntitiesPerSecond</c>, or a test's instance).
/// </summary>
public sealed partial class PartitionThrottle(TimeProvider time) : HttpPipelineTransport
{
    private readonly HttpPipelineTransport inner = HttpClientTransport.Shared;

    private readonly ConcurrentDictionary<string, PartitionLoad> loads = new(StringComparer.Ordinal);
    private long refused;

    /// <summary>Entities a partition may read and write in one second; 0: no budget, only counting.</summary>
    public int EntitiesPerSecond { get; set; }

    /// <summary>Every table request is refused (a test's throttled table, whatever the load).</summary>
    public bool RefuseAll { get; set; }

    /// <summary>Sent as <c>Retry-After</c> with each refusal when set (Azure Tables usually sends none).</summary>
    public TimeSpan? RetryAfter { get; set; }

    /// <summary>Table requests answered 503 by this model.</summary>
    public long Refused => Interlocked.Read(ref refused);

    /// <summary>Each partition (<c>table/partition</c>) and what it read and wrote since the last <see cref="Reset"/>.</summary>
    public IReadOnlyDictionary<string, PartitionLoad> Loads => loads;

    public void Reset()
    {
        loads.Clear();
        Interlocked.Exchange(ref refused, 0);
    }

    public override Request CreateRequest() => inner.CreateRequest();

    public override void Process(HttpMessage message) => ProcessAsync(message, async: false).AsTask().GetAwaiter().GetResult();

    public override ValueTask ProcessAsync(HttpMessage message) => ProcessAsync(message, async: true);

    private async ValueTask ProcessAsync(HttpMessage message, bool async)
    {
        // Only the Tables client sends the OData DataServiceVersion header.
        if (!message.Request.Headers.TryGetValue("DataServiceVersion", out _))
        {
            await Next(message, async);
            return;
        }

        var url = Uri.UnescapeDataString(message.Request.Uri.ToString());
        var isBatch = url.Contains("$batch", StringComparison.Ordinal);
        var body = isBatch || message.Request.Method == RequestMethod.Post ? await BodyAsync(message) : string.Empty;
        var load = loads.GetOrAdd(Target(isBatch ? body : url + "\n" + body), _ => new PartitionLoad());
        var second = time.GetUtcNow().ToUnixTimeSeconds();
        if (RefuseAll || (EntitiesPerSecond > 0 && load.UsedIn(second) >= EntitiesPerSecond))
        {
            Interlocked.Increment(ref refused);
            load.Refuse();
            message.Response = new ServerBusyResponse(message.Request.ClientRequestId, RetryAfter);
            return;
        }

        var written = isBatch ? BatchOperation().Count(body) : message.Request.Method == RequestMethod.Get ? 0 : IsEntity(url) ? 1 : 0;
        load.Add(second, written, read: 0, bytes: 0);
        await Next(message, async);
        if (message.Request.Method == RequestMethod.Get && message.Response.Status == 200)
        {
            // Buffered here rather than by the pipeline above, so the entities can be counted; the pipeline keeps this buffer.
            if (message.Response.ContentStream is { } network and not MemoryStream)
            {
                var buffered = new MemoryStream();
                await network.CopyToAsync(buffered, message.CancellationToken);
                await network.DisposeAsync();
                buffered.Position = 0;
                message.Response.ContentStream = buffered;
            }

            load.Add(time.GetUtcNow().ToUnixTimeSeconds(), written: 0, read: EntitiesIn(message.Response), bytes: message.Response.ContentStream?.Length ?? 0);
        }
    }

    private async ValueTask Next(HttpMessage message, bool async)
    {
        if (async)
        {
            await inner.ProcessAsync(message);
        }
        else
        {
            inner.Process(message);
        }
    }

    private static async Task<string> BodyAsync(HttpMessage message)
    {
        if (message.Request.Content is not { } content)
        {
            return string.Empty;
        }

        using var buffer = new MemoryStream();
        await content.WriteToAsync(buffer, message.CancellationToken);
        return Uri.UnescapeDataString(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>A query's entities (its <c>value</c> array) or a point read's one, from the buffered response.</summary>
    private static int EntitiesIn(Azure.Response response)
    {
        if (response.ContentStream is not MemoryStream { } stream)
        {
            return 1;
        }

        var reader = new Utf8JsonReader(stream.GetBuffer().AsSpan(0, (int)stream.Length));
        var count = 0;
        var depth = 0;
        var inValue = false;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName when depth == 1 && reader.ValueTextEquals("value"):
                    inValue = true;
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    depth++;
                    if (inValue && depth == 3 && reader.TokenType == JsonTokenType.StartObject)
                    {
                        count++;
                    }

                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    depth--;
                    if (depth == 1)
                    {
                        inValue = false;
                    }

                    break;
            }
        }

        stream.Position = 0;
        return inValue || count > 0 ? count : 1;
    }

    private static bool IsEntity(string url) => PartitionInKey().IsMatch(url) || !url.Contains("/Tables", StringComparison.Ordinal);

    /// <summary><c>table/partition</c> from an entity's URL, a query's filter or a batch's parts.</summary>
    private static string Target(string text)
    {
        var table = TableName().Match(text) is { Success: true } t ? t.Groups["table"].Value : "?";
        var partition = PartitionInKey().Match(text) is { Success: true } k ? k.Groups["p"].Value
            : PartitionInFilter().Match(text) is { Success: true } f ? f.Groups["p"].Value
            : PartitionInBody().Match(text) is { Success: true } b ? b.Groups["p"].Value
            : "(every partition)";
        return table + "/" + partition;
    }

    [GeneratedRegex(@"https?://\S*?/(?<table>[A-Za-z][A-Za-z0-9]{2,62})(?:\(|\?|\s|$)")]
    private static partial Regex TableName();

    [GeneratedRegex(@"PartitionKey='(?<p>(?:[^']|'')*)'")]
    private static partial Regex PartitionInKey();

    [GeneratedRegex(@"PartitionKey eq '(?<p>(?:[^']|'')*)'")]
    private static partial Regex PartitionInFilter();

    [GeneratedRegex(@"""PartitionKey""\s*:\s*""(?<p>[^""]*)""")]
    private static partial Regex PartitionInBody();

    [GeneratedRegex(@"^(?:POST|PUT|MERGE|PATCH|DELETE) https?://", RegexOptions.Multiline)]
    private static partial Regex BatchOperation();
}

/// <summary>What one partition read and wrote (entities) and how often it was refused, in total and in the current second.</summary>
public sealed class PartitionLoad
{
    private readonly Lock gate = new();
    private long second;
    private long usedThisSecond;

    public long Read { get; private set; }

    public long Written { get; private set; }

    /// <summary>Bytes of the responses that brought the entities read.</summary>
    public long BytesRead { get; private set; }

    public long Refused { get; private set; }

    /// <summary>The most entities read and written in any one second.</summary>
    public long BusiestSecond { get; private set; }

    internal long UsedIn(long at)
    {
        lock (gate)
        {
            return at == second ? usedThisSecond : 0;
        }
    }

    internal void Add(long at, long written, long read, long bytes)
    {
        lock (gate)
        {
            if (at != second)
            {
                second = at;
                usedThisSecond = 0;
            }

            usedThisSecond += written + read;
            BusiestSecond = Math.Max(BusiestSecond, usedThisSecond);
            Read += read;
            Written += written;
            BytesRead += bytes;
        }
    }

    internal void Refuse()
    {
        lock (gate)
        {
            Refused++;
        }
    }
}
