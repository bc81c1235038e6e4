using System.Diagnostics.CodeAnalysis;
using System.Text;
using Azure;
using Azure.Core;

namespace Archive.Storage.Throttling;

/// <summary>
/// The answer Azure Table Storage gives a request over a partition's or account's scalability
/// target: 503 with error code <c>ServerBusy</c> in the <c>x-ms-error-code</c> header and an OData
/// error body, optionally with <c>Retry-After</c> (docs/storage.md, "Throttling").
/// </summary>
internal sealed class ServerBusyResponse : Response
{
    private readonly Dictionary<string, string> headers = new(StringComparer.OrdinalIgnoreCase);

    public ServerBusyResponse(string clientRequestId, TimeSpan? retryAfter)
    {
        ClientRequestId = clientRequestId;
        headers["x-ms-error-code"] = "ServerBusy";
        headers["Content-Type"] = "application/json;odata=minimalmetadata;streaming=true;charset=utf-8";
        if (retryAfter is { } wait)
        {
            headers["Retry-After"] = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        ContentStream = new MemoryStream(Encoding.UTF8.GetBytes(
            """{"odata.error":{"code":"ServerBusy","message":{"lang":"en-US","value":"The server is busy. (modelled: the partition is over its budget of entities per second)"}}}"""));
    }

    public override int Status => 503;

    public override string ReasonPhrase => "Server Busy";

    public override Stream? ContentStream { get; set; }

    public override string ClientRequestId { get; set; }

    public override void Dispose() => ContentStream?.Dispose();

    protected override bool ContainsHeader(string name) => headers.ContainsKey(name);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => headers.Select(h => new HttpHeader(h.Key, h.Value));

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) => headers.TryGetValue(name, out value);

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = headers.TryGetValue(name, out var value) ? [value] : null;
        return values is not null;
    }
}
