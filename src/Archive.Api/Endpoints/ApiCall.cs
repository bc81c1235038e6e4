using Microsoft.AspNetCore.Http;

namespace Archive.Api.Endpoints;

/// <summary>A request as handlers see it: the HTTP request and the value of its route parameter.</summary>
public sealed record ApiCall(HttpRequest Request, string? RouteValue);
