using Archive.Api.Endpoints;
using Archive.Search;
using Archive.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>Everything Archive is made of: parser, storage, ingestion, reconciling and the API handlers.</summary>
    public static IServiceCollection AddArchive(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddArchiveStorage(configuration);
        services.AddArchiveSearch();
        services.AddOptions<ApiOptions>().BindConfiguration(StorageServiceCollectionExtensions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReadCache>();
        services.AddSingleton<HealthProbe>();
        services.AddSingleton<Feeds.FeedBuilder>();
        services.AddSingleton<SearchEndpoints>();
        services.AddSingleton<MediaEndpoints>();
        services.AddSingleton<ArchiveEndpoints>();
        services.AddSingleton<ApiDispatcher>();
        services.AddProblemDetails();
        return services;
    }
}
