using Archive.Api.Endpoints;
using Microsoft.AspNetCore.Http;

namespace Archive.Api.Routing;

/// <summary>
/// One route: the function name it has in the Functions app, its method and template, its handler,
/// the type its 200 body is serialized from and the error statuses it can answer besides 400
/// (an unknown parameter) and 500: what the OpenAPI document says of it.
/// </summary>
public sealed record ApiRoute(
    string Name,
    string Method,
    string Template,
    bool Admin,
    string Summary,
    IReadOnlyList<ApiParameter> Parameters,
    Func<ArchiveEndpoints, ApiCall, CancellationToken, Task<IResult>> Handler,
    Type Body,
    IReadOnlyList<int> Errors)
{
    /// <summary>The media type of the 200 body (JSON, but for the feeds).</summary>
    public string MediaType { get; init; } = "application/json";

    /// <summary>The name of the template's one route parameter (<c>id</c>, <c>slug</c>), if any.</summary>
    public string? RouteParameter => Parameters.FirstOrDefault(p => p.In == ParameterPlace.Path)?.Name;
}
