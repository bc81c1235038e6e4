using Archive.Search.Sources;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Search;

public static class SearchServiceCollectionExtensions
{
    /// <summary>The search index of this instance, reading posts' texts and its saved copy from storage (<c>AddArchiveStorage</c> first).</summary>
    public static IServiceCollection AddArchiveSearch(this IServiceCollection services)
    {
        services.AddSingleton<IPostTexts, StoredPostTexts>();
        services.AddSingleton<ISearchIndexStore, ContentContainerIndexStore>();
        services.AddSingleton<SearchSnapshot>();
        services.AddSingleton<SearchIndex>();
        return services;
    }
}
