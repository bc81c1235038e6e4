using System.Text.Json.Nodes;
using Archive.Api.Routing;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Extensions;
using Microsoft.OpenApi.Models;

namespace Archive.Api.OpenApi;

/// <summary>The OpenAPI 3 document of every route, built from the route table.</summary>
public static class OpenApiDocumentFactory
{
    private const string KeyScheme = "functionKey";

    /// <summary>The document as JSON (built once: it only changes with the code).</summary>
    public static JsonNode Json { get; } = JsonNode.Parse(Build().SerializeAsJson(OpenApiSpecVersion.OpenApi3_0))!;

    public static OpenApiDocument Build()
    {
        var document = new OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = "Archive content API",
                Version = "1.0",
                Description = "Posts, themes and reading-time summaries of an archive of threads. " +
                    "Every GET answers with an ETag; If-None-Match gives 304. Errors are application/problem+json.",
            },
            Servers = [new OpenApiServer { Url = "/api" }],
            Paths = [],
            Components = new OpenApiComponents
            {
                SecuritySchemes = new Dictionary<string, OpenApiSecurityScheme>
                {
                    [KeyScheme] = new()
                    {
                        Type = SecuritySchemeType.ApiKey,
                        In = ParameterLocation.Header,
                        Name = "x-functions-key",
                        Description = "The function key in Azure; the setting Archive:AdminKey on the local host.",
                    },
                },
            },
        };

        foreach (var route in RouteTable.All)
        {
            var path = "/" + Routes.PublicPath(route.Template);
            if (!document.Paths.TryGetValue(path, out var item))
            {
                item = new OpenApiPathItem();
                document.Paths[path] = item;
            }

            item.Operations[route.Method == "POST" ? OperationType.Post : OperationType.Get] = Operation(route);
        }

        return document;
    }

    private static OpenApiOperation Operation(ApiRoute route)
    {
        var operation = new OpenApiOperation
        {
            OperationId = route.Name,
            Summary = route.Summary,
            Parameters = route.Parameters.Select(Parameter).ToList(),
            Responses = new OpenApiResponses
            {
                ["200"] = Response("OK", "application/json"),
                ["400"] = Response("An invalid query value", "application/problem+json"),
                ["404"] = Response("No such post or theme", "application/problem+json"),
                ["503"] = Response("Storage does not answer", "application/problem+json"),
            },
        };
        if (route.Method == "GET")
        {
            operation.Responses["304"] = new OpenApiResponse { Description = "Not modified (If-None-Match matched the ETag)" };
        }

        if (route.Admin)
        {
            operation.Responses["401"] = Response("No key", "application/problem+json");
            operation.Responses["403"] = Response("Wrong key", "application/problem+json");
            operation.Security =
            [
                new OpenApiSecurityRequirement
                {
                    [new OpenApiSecurityScheme { Reference = new OpenApiReference { Type = ReferenceType.SecurityScheme, Id = KeyScheme } }] = [],
                },
            ];
        }

        return operation;
    }

    private static OpenApiParameter Parameter(ApiParameter parameter) => new()
    {
        Name = parameter.Name,
        In = parameter.In == ParameterPlace.Path ? ParameterLocation.Path : ParameterLocation.Query,
        Required = parameter.In == ParameterPlace.Path,
        Description = parameter.Description,
        Schema = new OpenApiSchema
        {
            Type = parameter.Type,
            Enum = parameter.Values?.Select(v => (Microsoft.OpenApi.Any.IOpenApiAny)new Microsoft.OpenApi.Any.OpenApiString(v)).ToList() ?? [],
        },
    };

    private static OpenApiResponse Response(string description, string mediaType) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [mediaType] = new() { Schema = new OpenApiSchema { Type = "object" } },
        },
    };
}
