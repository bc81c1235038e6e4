using Archive.Storage;
using Microsoft.Extensions.Logging;

namespace Archive.Pages;

/// <summary>
/// Runs a page route's handler for any host (the Functions app, the local host): storage down is a
/// 503 page, anything else a 500 page, in the site's style and never with a stack trace.
/// </summary>
public sealed class PageDispatcher(SitePages pages, SiteFiles files, Archive.Api.Endpoints.ReadCache cache, ILogger<PageDispatcher> logger)
{
    public async Task<IResult> InvokeAsync(PageRoute route, HttpRequest request, string? value, string? second, CancellationToken cancellationToken)
    {
        var call = new PageCall(request, value, second);
        try
        {
            var result = await route.Handler(pages, files, call, cancellationToken);
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
            return await pages.MessageAsync(call, StatusCodes.Status503ServiceUnavailable, "The archive does not answer", "Its storage does not answer just now; try again in a moment.");
        }
        catch (Exception error)
        {
            logger.LogError(error, "{Route} failed", route.Name);
            return await pages.MessageAsync(call, StatusCodes.Status500InternalServerError, "Something went wrong", "This page could not be made; try again in a moment.");
        }
    }
}
