using Microsoft.AspNetCore.Http;

namespace Archive.Api.Http;

/// <summary>RFC 9457 problem responses (<c>application/problem+json</c>), never with a stack trace.</summary>
public static class ApiProblem
{
    public static IResult BadRequest(string detail) => Create(StatusCodes.Status400BadRequest, "Invalid request", detail);

    public static IResult NotFound(string detail) => Create(StatusCodes.Status404NotFound, "Not found", detail);

    /// <summary>A 401 that names the scheme to answer it with (RFC 9110 asks every 401 for one).</summary>
    public static IResult Unauthorized(string detail) => new WithHeader(
        Create(StatusCodes.Status401Unauthorized, "Unauthorized", detail), "WWW-Authenticate", "ApiKey header=\"x-functions-key\", query=\"code\"");

    public static IResult Gone(string detail) => Create(StatusCodes.Status410Gone, "Gone", detail);

    public static IResult Forbidden(string detail) => Create(StatusCodes.Status403Forbidden, "Forbidden", detail);

    public static IResult Unavailable(string detail) => Create(StatusCodes.Status503ServiceUnavailable, "Service unavailable", detail);

    public static IResult Unexpected() =>
        Create(StatusCodes.Status500InternalServerError, "Unexpected error", "The request could not be completed; the error was logged.");

    public static IResult Create(int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail);

    private sealed class WithHeader(IResult inner, string name, string value) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[name] = value;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
