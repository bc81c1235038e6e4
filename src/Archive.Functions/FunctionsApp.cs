using Archive.Api;
using Archive.Pages;
using Archive.Storage;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;

namespace Archive.Functions;

/// <summary>
/// What the Functions app registers, in one place, so that the tests build the very service
/// provider the Functions host builds and run the function classes against it.
/// </summary>
public static class FunctionsApp
{
    public const string EventsQueueSetting = "Archive:BlobEventsQueue";
    public const string DefaultEventsQueue = "blob-events";

    public static IServiceCollection AddArchiveFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddArchive(configuration);
        services.AddArchivePages();
        services.AddSingleton<BlobEventIngestor>();
        services.AddHostedService<StorageInitializer>();

        // Application Insights, when the app has one: metrics of the ingestion meter, the worker's traces and logs.
        if (!string.IsNullOrWhiteSpace(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
        {
            services.AddOpenTelemetry()
                .UseFunctionsWorkerDefaults()
                .WithMetrics(metrics => metrics.AddMeter(IngestMetrics.MeterName))
                .UseAzureMonitorExporter(exporter =>
                {
                    // Application Insights with local auth off (infra/) takes telemetry signed by the app's identity only.
                    if (IdentityClientId(configuration["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]) is { } clientId)
                    {
                        exporter.Credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
                    }
                });
        }

        return services;
    }

    /// <summary>The client id in <c>ClientId=...;Authorization=AAD</c>, as the Functions host reads the same setting.</summary>
    public static string? IdentityClientId(string? authentication) =>
        authentication?.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2 && pair[0].Equals("ClientId", StringComparison.OrdinalIgnoreCase) && pair[1].Length > 0)
            .Select(pair => pair[1])
            .FirstOrDefault();

    /// <summary>The queue Event Grid delivers blob events to (setting <see cref="EventsQueueSetting"/>).</summary>
    public static string EventsQueue(IConfiguration configuration) =>
        configuration[EventsQueueSetting] is { Length: > 0 } name ? name : DefaultEventsQueue;
}
