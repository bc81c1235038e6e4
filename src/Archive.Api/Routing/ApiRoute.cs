using Archive.Api.Endpoints;
using Microsoft.AspNetCore.Http;

namespace Archive.Api.Routing;

/// <summary>One route: the function name it has in the Functions app, its method and template, and its handler.</summary>
public sealed record ApiRoute(
    string Name,
    string Method,
    string Template,
    bool Admin,
    string Summary,
    IReadOnlyList<ApiParameter> Parameters,
    Func<ArchiveEndpoints, ApiCall, CancellationToken, Task<IResult>> Handler)
{
    /// <summary>The name of the template's one route parameter (<c>id</c>, <c>slug</c>), if any.</summary>
    public string? RouteParameter => Parameters.FirstOrDefault(p => p.In == ParameterPlace.Path)?.Name;
}
