using Archive.Api.Endpoints;
using Archive.Api.Http;
using Archive.Api.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Archive.Api;

public static class ArchiveEndpointRouteBuilderExtensions
{
    public const string KeyHeader = "x-functions-key";

    /// <summary>
    /// Maps every route of the route table under <c>/api</c> for a host of our own (the local host).
    /// Admin routes check <c>Archive:AdminKey</c> the way the Functions host checks a function key.
    /// </summary>
    public static RouteGroupBuilder MapArchiveApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/" + Routes.Api.TrimEnd('/'));
        foreach (var route in RouteTable.All)
        {
            // HEAD wherever GET: the same handler, headers without the body.
            string[] methods = route.Method == "GET" ? ["GET", "HEAD"] : [route.Method];
            api.MapMethods("/" + route.Template, methods, (HttpContext context, ApiDispatcher dispatcher, IOptions<ApiOptions> options) =>
            {
                if (route.Admin && KeyProblem(context.Request, options.Value.AdminKey) is { } problem)
                {
                    return Task.FromResult(problem);
                }

                var value = route.RouteParameter is { } name ? context.GetRouteValue(name)?.ToString() : null;
                return dispatcher.InvokeAsync(route, context.Request, value, context.RequestAborted);
            }).WithName(route.Name);
        }

        return api;
    }

    private static IResult? KeyProblem(HttpRequest request, string? adminKey)
    {
        // An empty header is no key: it must not hide a ?code= that is one.
        var given = request.Headers[KeyHeader].FirstOrDefault(v => !string.IsNullOrEmpty(v)) ?? request.Query["code"].FirstOrDefault();
        if (string.IsNullOrEmpty(given))
        {
            return ApiProblem.Unauthorized($"Admin routes need the key in the {KeyHeader} header (or the code query parameter).");
        }

        var expected = adminKey ?? string.Empty;
        return expected.Length > 0
            && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(given), System.Text.Encoding.UTF8.GetBytes(expected))
            ? null
            : ApiProblem.Forbidden("The key is not the admin key.");
    }
}
