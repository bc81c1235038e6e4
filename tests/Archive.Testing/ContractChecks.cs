using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Archive.Api.OpenApi;
using Archive.Api.Routing;
using Json.Schema;

namespace Archive.Testing;

/// <summary>
/// Every response the integration tests receive from a route, checked against the OpenAPI
/// document the API serves: the status must be one the operation declares, the media type the
/// declared one, and the body must validate (JsonSchema.Net, JSON Schema 2020-12) against the
/// declared schema. A mismatch fails the test that made the request.
/// </summary>
public static class ContractChecks
{
    private static readonly JsonObject Document = OpenApiDocumentFactory.Document.AsObject();
    private static readonly ConcurrentDictionary<string, JsonSchema> Schemas = new();
    private static readonly List<(ApiRoute Route, Regex Path)> Routes = RouteTable.All
        .Select(r => (r, new Regex("^/api/" + PathPattern(r.Template) + "$", RegexOptions.CultureInvariant)))
        .ToList();

    private static int validated;

    /// <summary>Responses checked so far in this test run.</summary>
    public static int Validated => validated;

    /// <summary>(route, status) pairs seen so far.</summary>
    public static ConcurrentDictionary<(string Route, int Status), int> Seen { get; } = new();

    public static void Check(string method, string path, int status, string? contentType, string? contentEncoding, byte[] body)
    {
        var route = Routes.FirstOrDefault(r => r.Path.IsMatch(path) && (r.Route.Method == method || (method == "HEAD" && r.Route.Method == "GET"))).Route;
        if (route is null || status == 414)
        {
            // Not a route of the contract (a preflight, an unknown path), or the transport's own answer to a URL too long.
            return;
        }

        var operation = Document["paths"]![PathKey(route)]![route.Method.ToLowerInvariant()]!;
        var declared = operation["responses"]![status.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        Assert.True(declared is not null, $"{method} {path} answered {status}, which {route.Name} does not declare");
        Seen.AddOrUpdate((route.Name, status), 1, (_, n) => n + 1);
        Interlocked.Increment(ref validated);
        if (status == 304 || method == "HEAD")
        {
            Assert.Empty(body);
            return;
        }

        var (mediaType, content) = declared!["content"]!.AsObject().Single();
        var served = contentType?.Split(';')[0];
        if (mediaType.EndsWith("/*", StringComparison.Ordinal))
        {
            // Images (§11): any type of the declared kind; the bytes are the image's own, which MediaTests decode.
            Assert.True(served?.StartsWith(mediaType[..^1], StringComparison.Ordinal) == true, $"{method} {path} ({status}) came as {contentType}, declared {mediaType}");
            return;
        }

        Assert.True(served == mediaType, $"{method} {path} ({status}) came as {contentType}, declared {mediaType}");
        if (mediaType.EndsWith("+xml", StringComparison.Ordinal))
        {
            // The document can only say "a string" of XML; FeedTests validates the Atom feed against its RELAX NG schema.
            System.Xml.Linq.XDocument.Parse(System.Text.Encoding.UTF8.GetString(Decode(body, contentEncoding)));
            return;
        }

        var json = JsonDocument.Parse(Decode(body, contentEncoding)).RootElement;
        var results = SchemaFor(route.Name, status, content!["schema"]!).Evaluate(json, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(results.IsValid, $"{method} {path} ({status}) does not match its schema: " + string.Join("; ", Errors(results)));
    }

    /// <summary>
    /// The path a client calls for <paramref name="route"/> (below <c>/api</c>), its parameters filled:
    /// a post id, a theme slug, a blob name, and a word for a required query parameter (search's <c>q</c>).
    /// </summary>
    public static string PathOf(ApiRoute route, string id, string slug, string name) =>
        Archive.Api.Routing.Routes.PublicPath(route.Template)
            .Replace("{id}", id, StringComparison.Ordinal).Replace("{slug}", slug, StringComparison.Ordinal).Replace("{name}", name, StringComparison.Ordinal)
        + string.Concat(route.Parameters.Where(p => p.Required && p.In == ParameterPlace.Query).Select((p, i) => $"{(i == 0 ? '?' : '&')}{p.Name}=post"));

    /// <summary><paramref name="path"/> with one more query parameter.</summary>
    public static string With(string path, string parameter) => path + (path.Contains('?', StringComparison.Ordinal) ? '&' : '?') + parameter;

    /// <summary>A template as a pattern: a catch-all (<c>{*name}</c>) takes slashes, other parameters one segment.</summary>
    private static string PathPattern(string template) =>
        Regex.Replace(Regex.Replace(template.Replace(Archive.Api.Routing.Routes.AdminSegment, "admin", StringComparison.Ordinal), @"\{\*[^}]+\}", ".+"), @"\{[^}*]+\}", "[^/]+");

    private static string PathKey(ApiRoute route) => "/" + Archive.Api.Routing.Routes.PublicPath(route.Template);

    /// <summary>The response's schema with the document's components beside it, as <c>$defs</c>, so its references resolve.</summary>
    /// <remarks>Built once per key under a lock: JSON Schema registers each <c>$id</c> globally and refuses a second registration (test classes run in parallel).</remarks>
    private static JsonSchema SchemaFor(string route, int status, JsonNode schema)
    {
        var key = $"{route}/{status}";
        if (Schemas.TryGetValue(key, out var built))
        {
            return built;
        }

        lock (Schemas)
        {
            return Schemas.TryGetValue(key, out built) ? built : Schemas[key] = Build(key, schema);
        }
    }

    private static JsonSchema Build(string key, JsonNode schema)
    {
        var wrapper = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"https://archive.test/contract/{key}",
            ["$defs"] = Document["components"]!["schemas"]!.DeepClone(),
            ["allOf"] = new JsonArray(schema.DeepClone()),
        };
        return JsonSchema.FromText(wrapper.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal));
    }

    private static IEnumerable<string> Errors(EvaluationResults results) =>
        (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(10);

    /// <summary>A body as sent, decoded from its Content-Encoding (br, gzip) when it has one.</summary>
    public static byte[] Decode(byte[] body, string? encoding)
    {
        if (encoding is not ("br" or "gzip"))
        {
            return body;
        }

        using var input = new MemoryStream(body);
        using Stream decoding = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var plain = new MemoryStream();
        decoding.CopyTo(plain);
        return plain.ToArray();
    }
}

/// <summary>Puts every response of a test's HttpClient through <see cref="ContractChecks"/>.</summary>
public sealed class ContractCheckingHandler() : DelegatingHandler(new HttpClientHandler { AllowAutoRedirect = false })
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        ContractChecks.Check(
            request.Method.Method, request.RequestUri!.AbsolutePath, (int)response.StatusCode,
            response.Content.Headers.ContentType?.ToString(), response.Content.Headers.ContentEncoding.FirstOrDefault(), body);
        return response;
    }
}
