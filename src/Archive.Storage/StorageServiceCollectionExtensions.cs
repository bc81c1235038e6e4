using Archive.Core;
using Archive.Core.Parsing;
using Archive.Storage.Ingestion;
using Archive.Storage.Reading;
using Archive.Storage.Throttling;
using Archive.Storage.Totals;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Archive.Storage;

public static class StorageServiceCollectionExtensions
{
    public const string Section = ParserServiceCollectionExtensions.Section;
    public const string ConnectionName = "AzureWebJobsStorage";

    /// <summary>
    /// The parser, the storage clients (connection <c>AzureWebJobsStorage</c>: a connection string,
    /// or <c>AzureWebJobsStorage__accountName</c> / <c>__blobServiceUri</c> for a managed identity),
    /// the ingestor, the reconciler and the reader.
    /// </summary>
    public static IServiceCollection AddArchiveStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddArchiveParser();
        services.AddOptions<StorageOptions>().BindConfiguration(Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IngestOptions>().BindConfiguration(Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);

        var connection = StorageConnection.From(configuration, ConnectionName);
        var counter = new StorageRequestCounter();
        services.AddSingleton(counter);
        if (configuration.GetValue<int>($"{Section}:{nameof(StorageOptions.ThrottleEntitiesPerSecond)}") is > 0 and var budget)
        {
            services.AddSingleton(provider => new PartitionThrottle(provider.GetRequiredService<TimeProvider>()) { EntitiesPerSecond = budget });
        }

        services.AddAzureClients(clients =>
        {
            clients.ConfigureDefaults((defaults, provider) =>
            {
                // Fail within seconds, not minutes, when storage is down: the trigger or the client retries later.
                defaults.Retry.MaxRetries = 2;
                defaults.Retry.Delay = TimeSpan.FromMilliseconds(200);
                defaults.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
                defaults.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerRetry);

                // Only where a model of throttling was asked for (a test's or benchmark's instance, or the setting above).
                if (provider.GetService<PartitionThrottle>() is { } throttle)
                {
                    defaults.Transport = throttle;
                }
            });
            if (connection.ConnectionString is { } connectionString)
            {
                clients.AddBlobServiceClient(connectionString);
                clients.AddTableServiceClient(connectionString);
            }
            else
            {
                clients.AddBlobServiceClient(connection.BlobUri!);
                clients.AddTableServiceClient(connection.TableUri!);
                clients.UseCredential(connection.Credential());
            }
        });

        QuietSdkLogs(services, configuration);
        services.AddMetrics();
        services.AddSingleton<IngestMetrics>();
        services.AddSingleton<LocalWrites>();
        services.AddSingleton<LostRaces>();
        services.AddSingleton<ArchiveStore>();
        services.AddSingleton<IndexWriter>();
        Archive.Media.MediaServiceCollectionExtensions.AddArchiveMedia(services);
        services.AddSingleton<Media.ReferenceLookup>();
        services.AddSingleton<Media.Dependents>();
        services.AddSingleton<Media.MediaIngestor>();
        services.AddSingleton<IngestAttempts>();
        services.AddSingleton<Ingestor>();
        services.AddSingleton<BulkIngestor>();
        services.AddSingleton<ContentSweeper>();
        services.AddSingleton<ListingWatch>();
        services.AddSingleton<TotalsRecomputer>();
        services.AddSingleton<Reconciler>();
        services.AddSingleton<StorageProblems>();
        services.AddSingleton<CatalogSnapshot>();
        services.AddSingleton<PostReader>();
        services.AddSingleton<BlobStates>();
        services.AddSingleton<Changes.ChangeLog>();
        services.AddSingleton<ChangeLogBackfill>();
        return services;
    }

    /// <summary>
    /// The Azure SDK logs every request and response at Information (two lines per request): in
    /// Azure each is Application Insights ingestion paid for. Warning and above unless the
    /// configuration names a level for <c>Azure</c> (<c>Logging:LogLevel:Azure</c>, an app
    /// setting <c>Logging__LogLevel__Azure</c>).
    /// </summary>
    private static void QuietSdkLogs(IServiceCollection services, IConfiguration configuration)
    {
        if (configuration[SdkLogLevelSetting] is null)
        {
            services.Configure<Microsoft.Extensions.Logging.LoggerFilterOptions>(options =>
                options.Rules.Add(new Microsoft.Extensions.Logging.LoggerFilterRule(null, "Azure", Microsoft.Extensions.Logging.LogLevel.Warning, null)));
        }
    }

    public const string SdkLogLevelSetting = "Logging:LogLevel:Azure";
}
