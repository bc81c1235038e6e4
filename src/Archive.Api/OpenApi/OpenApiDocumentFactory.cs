using System.Text.Json.Nodes;
using Archive.Api.Routing;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Archive.Api.OpenApi;

/// <summary>
/// The OpenAPI 3.1 document of every route, built with Microsoft.OpenApi from the route table
/// (paths, parameters and their constraints, the statuses each route can answer, security) and
/// from the schemas of the types the handlers serialize (<see cref="ContractSchemas"/>).
/// </summary>
public static class OpenApiDocumentFactory
{
    private const string KeyScheme = "functionKey";
    private const string ProblemJson = "application/problem+json";

    /// <summary>The document as JSON (built once: it only changes with the code).</summary>
    public static JsonNode Document { get; } = Serialize(Build());

    public static OpenApiDocument Build()
    {
        var document = new OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = "Archive content API",
                Version = "1.0",
                Description = "Posts, themes and reading-time summaries of an archive of threads. " +
                    "Every GET answers with an ETag; If-None-Match gives 304. Errors are application/problem+json (RFC 9457). " +
                    "JSON bodies of a kilobyte or more are gzip- or Brotli-encoded when asked for (Accept-Encoding).",
                Contact = new OpenApiContact { Name = "Archive maintainers" },
                License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" },
            },
            Servers = [new OpenApiServer { Url = "/api" }],
            Paths = [],
            Components = new OpenApiComponents
            {
                Schemas = new Dictionary<string, IOpenApiSchema>(),
                SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    [KeyScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.ApiKey,
                        In = ParameterLocation.Header,
                        Name = "x-functions-key",
                        Description = "The function key in Azure; the setting Archive:AdminKey on the local host. The query parameter code works too.",
                    },
                },
            },
        };

        foreach (var type in ContractSchemas.Components)
        {
            document.Components.Schemas[ContractSchemas.Name(type)] = Schema(ContractSchemas.Of(type), document);
        }

        foreach (var route in RouteTable.All)
        {
            var path = "/" + Routes.PublicPath(route.Template);
            if (!document.Paths.TryGetValue(path, out var item))
            {
                item = new OpenApiPathItem { Operations = [] };
                document.Paths[path] = item;
            }

            ((OpenApiPathItem)item).Operations![route.Method == "POST" ? HttpMethod.Post : HttpMethod.Get] = Operation(route, document);
        }

        return document;
    }

    private static OpenApiOperation Operation(ApiRoute route, OpenApiDocument document)
    {
        var body = route.Body == typeof(JsonObject) ? new OpenApiSchema { Type = JsonSchemaType.Object }
            : route.Body == typeof(string) ? new OpenApiSchema { Type = JsonSchemaType.String }
            : (IOpenApiSchema)new OpenApiSchemaReference(ContractSchemas.Name(route.Body), document);
        var operation = new OpenApiOperation
        {
            OperationId = route.Name,
            Summary = route.Summary,
            Description = route.Method == "GET" ? "HEAD answers too, with the same headers and no body." : null,
            Parameters = [.. route.Parameters.Select(p => Parameter(p, document))],
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse
                {
                    Description = "OK",
                    Headers = CacheHeaders(),
                    Content = new Dictionary<string, IOpenApiMediaType> { [route.MediaType] = new OpenApiMediaType { Schema = body } },
                },
            },
            // Public operations say so explicitly (an empty list, written after serializing: see Serialize).
            Security = route.Admin ? [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(KeyScheme, document)] = [] }] : null,
        };
        if (route.Method == "GET")
        {
            operation.Responses["304"] = new OpenApiResponse { Description = "Not modified: If-None-Match holds the current ETag", Headers = CacheHeaders() };
        }

        foreach (var status in route.Errors.Append(400).Append(500).Order())
        {
            operation.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = Problem(status, document);
        }

        return operation;
    }

    private static OpenApiResponse Problem(int status, OpenApiDocument document) => new()
    {
        Description = status switch
        {
            400 => "An invalid query value, or a query parameter the route does not take",
            401 => "No key",
            403 => "Not the key",
            404 => "No such post or theme",
            410 => "The token is older than the changes kept, or from before the store was reset: start over without it",
            503 => "Storage does not answer, or is not set up yet",
            _ => "An unexpected error (logged; no details are shown)",
        },
        Content = new Dictionary<string, IOpenApiMediaType> { [ProblemJson] = new OpenApiMediaType { Schema = new OpenApiSchemaReference("Problem", document) } },
    };

    private static Dictionary<string, IOpenApiHeader> CacheHeaders() => new()
    {
        ["ETag"] = new OpenApiHeader { Description = "The version of the archive this answers from (a suffix inside the quotes names an encoding)", Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
        ["Cache-Control"] = new OpenApiHeader { Description = "public, max-age=N for public routes; no-store for health and admin", Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
        ["Vary"] = new OpenApiHeader { Description = "Accept-Encoding", Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
        ["Age"] = new OpenApiHeader { Description = "Only while storage is throttled, slow or down and the instance serves what it holds: seconds since that was read (RFC 9111 §5.1; /api/health says degraded)", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
    };

    private static OpenApiParameter Parameter(ApiParameter parameter, OpenApiDocument document)
    {
        var schema = new JsonObject { ["type"] = parameter.Type };
        if (parameter.Values is { } values)
        {
            schema["enum"] = new JsonArray([.. values.Select(v => JsonValue.Create(v))]);
        }

        if (parameter.Minimum is { } minimum)
        {
            schema["minimum"] = minimum;
        }

        if (parameter.Maximum is { } maximum)
        {
            schema["maximum"] = maximum;
        }

        if (parameter.Format is { } format)
        {
            schema["format"] = format;
        }

        return new OpenApiParameter
        {
            Name = parameter.Name,
            In = parameter.In == ParameterPlace.Path ? ParameterLocation.Path : ParameterLocation.Query,
            Required = parameter.In == ParameterPlace.Path || parameter.Required,
            Description = parameter.Description,
            Schema = Schema(schema, document),
        };
    }

    /// <summary>A JSON Schema read into the model by Microsoft.OpenApi's own reader.</summary>
    private static OpenApiSchema Schema(JsonObject schema, OpenApiDocument document) =>
        new OpenApiJsonReader().ReadFragment<OpenApiSchema>(schema, OpenApiSpecVersion.OpenApi3_1, document, out _)
        ?? throw new InvalidOperationException("Microsoft.OpenApi could not read a schema: " + schema.ToJsonString());

    private static JsonNode Serialize(OpenApiDocument document)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        document.SerializeAsV31(new OpenApiJsonWriter(text));
        var json = JsonNode.Parse(text.ToString())!;

        // Microsoft.OpenApi leaves out empty lists; `security: []` is how an operation says it needs none.
        foreach (var route in RouteTable.All.Where(r => !r.Admin))
        {
            json["paths"]![$"/{Routes.PublicPath(route.Template)}"]![route.Method.ToLowerInvariant()]!["security"] = new JsonArray();
        }

        return json;
    }
}
