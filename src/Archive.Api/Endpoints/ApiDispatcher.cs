using Archive.Api.Http;
using Archive.Api.Routing;
using Archive.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Archive.Api.Endpoints;

/// <summary>
/// Runs a route's handler for any host (the Functions app, the local host) and turns failures
/// into problem responses: storage down is a 503, anything else a 500; never a stack trace.
/// </summary>
public sealed class ApiDispatcher(ArchiveEndpoints endpoints, ReadCache cache, ILogger<ApiDispatcher> logger)
{
    public async Task<IResult> InvokeAsync(ApiRoute route, HttpRequest request, string? routeValue, CancellationToken cancellationToken)
    {
        // No body of ours is ever to be sniffed as HTML: JSON and problem details alike.
        request.HttpContext.Response.Headers.XContentTypeOptions = "nosniff";
        if (SiteAddress.HostProblem(request) is { } host)
        {
            return ApiProblem.BadRequest(host);
        }

        if (QueryParameters.Unknown(route, request.Query) is { } unknown)
        {
            return ApiProblem.BadRequest(unknown);
        }

        try
        {
            var result = await route.Handler(endpoints, new ApiCall(request, routeValue), cancellationToken);
            cache.MarkAge(request.HttpContext.Response);
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception error) when (StorageFailure.Is(error))
        {
            logger.LogWarning(error, "{Route} failed: storage does not answer", route.Name);
            return ApiProblem.Unavailable("Storage does not answer; try again shortly.");
        }
        catch (Exception error)
        {
            logger.LogError(error, "{Route} failed", route.Name);
            return ApiProblem.Unexpected();
        }
    }
}
