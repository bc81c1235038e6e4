using Microsoft.AspNetCore.Http;

namespace Archive.Api.Endpoints;

/// <summary>A request as handlers see it: the HTTP request and the value of its route parameter.</summary>
public sealed record ApiCall(HttpRequest Request, string? RouteValue)
{
    /// <summary>The route value as a blob name: a client may send its slashes escaped, and a catch-all keeps them as <c>%2F</c>.</summary>
    public string BlobName => (RouteValue ?? string.Empty).Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
}
