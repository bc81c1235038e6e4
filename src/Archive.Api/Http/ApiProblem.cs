using Microsoft.AspNetCore.Http;

namespace Archive.Api.Http;

/// <summary>RFC 9457 problem responses (<c>application/problem+json</c>), never with a stack trace.</summary>
public static class ApiProblem
{
    public static IResult BadRequest(string detail) => Create(StatusCodes.Status400BadRequest, "Invalid request", detail);

    public static IResult NotFound(string detail) => Create(StatusCodes.Status404NotFound, "Not found", detail);

    public static IResult Unauthorized(string detail) => Create(StatusCodes.Status401Unauthorized, "Unauthorized", detail);

    public static IResult Forbidden(string detail) => Create(StatusCodes.Status403Forbidden, "Forbidden", detail);

    public static IResult Unavailable(string detail) => Create(StatusCodes.Status503ServiceUnavailable, "Service unavailable", detail);

    public static IResult Unexpected() =>
        Create(StatusCodes.Status500InternalServerError, "Unexpected error", "The request could not be completed; the error was logged.");

    public static IResult Create(int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail);
}
