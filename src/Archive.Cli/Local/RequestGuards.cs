using Archive.Api.Http;

namespace Archive.Cli.Local;

/// <summary>What the local host checks before routing: every answer unsniffable, and URLs no longer than 8 KB (a 414 with problem details).</summary>
public static class RequestGuards
{
    public const int MaxUrlCharacters = 8 * 1024;

    public static async Task ApplyAsync(HttpContext context, RequestDelegate next)
    {
        context.Response.Headers.XContentTypeOptions = "nosniff";
        var request = context.Request;
        if (request.Path.Value?.Length + request.QueryString.Value?.Length > MaxUrlCharacters)
        {
            await ApiProblem.Create(StatusCodes.Status414UriTooLong, "URI too long", $"The URL is over {MaxUrlCharacters} characters.").ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
