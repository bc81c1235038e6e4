using Archive.Pages.Site;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Archive.Pages;

public static class PagesServiceCollectionExtensions
{
    /// <summary>The pages of §12 beside the API (<c>AddArchive</c> first).</summary>
    public static IServiceCollection AddArchivePages(this IServiceCollection services)
    {
        services.AddOptions<SiteOptions>().BindConfiguration(Storage.StorageServiceCollectionExtensions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Letters of every script as they are (“é”, not “&#xE9;”): the markup characters are escaped all the same.
        services.TryAddSingleton(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        services.AddSingleton<PageRenderer>();
        services.AddSingleton<SitePages>();
        services.AddSingleton<SiteFiles>();
        services.AddSingleton<PageDispatcher>();
        return services;
    }

    /// <summary>Maps every page route from the site's root for a host of our own (the local host), GET and HEAD.</summary>
    public static void MapArchivePages(this IEndpointRouteBuilder endpoints)
    {
        foreach (var route in PageRoutes.All)
        {
            endpoints.MapMethods("/" + route.Template, ["GET", "HEAD"], (HttpContext context, PageDispatcher dispatcher) =>
            {
                string? Value(int i) => route.Parameters.Count > i ? context.GetRouteValue(route.Parameters[i])?.ToString() : null;
                return dispatcher.InvokeAsync(route, context.Request, Value(0), Value(1), context.RequestAborted);
            }).WithName(route.Name);
        }
    }
}
