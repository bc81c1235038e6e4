using Archive.Functions;
using Archive.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Archive.Testing;

/// <summary>
/// The Functions app's own service provider (its <c>Program</c> registration), with a container,
/// table and queue of its own, and its start-up services run: what a Functions host gives each
/// invocation, without the host. The benchmarks and the tests invoke the function classes on it.
/// </summary>
public sealed class FunctionsHost : IAsyncDisposable
{
    private FunctionsHost(ServiceProvider services, IConfiguration configuration)
    {
        Services = services;
        Configuration = configuration;
    }

    public ServiceProvider Services { get; }
    public IConfiguration Configuration { get; }
    public ArchiveStore Store => Services.GetRequiredService<ArchiveStore>();

    public T Create<T>() => ActivatorUtilities.CreateInstance<T>(Services);

    /// <summary>Builds the provider; <paramref name="start"/> runs its hosted services (storage created at start) as the host would.</summary>
    /// <param name="logging">The host's logging; Warning and above unless given.</param>
    public static async Task<FunctionsHost> StartAsync(string connection, string name, bool start = true, IDictionary<string, string?>? settings = null, Action<ILoggingBuilder>? logging = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connection,
            ["Archive:PostsContainer"] = name + "-posts",
            ["Archive:ContentContainer"] = name + "-content",
            ["Archive:Table"] = name,
            ["Archive:BlobEventsQueue"] = name + "-events",
            ["Archive:ReadCacheSeconds"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(logging ?? (builder => builder.SetMinimumLevel(LogLevel.Warning)))
            .AddArchiveFunctions(configuration)
            .BuildServiceProvider();
        var host = new FunctionsHost(services, configuration);
        if (start)
        {
            await host.StartHostedServicesAsync();
        }

        return host;
    }

    public async Task StartHostedServicesAsync()
    {
        foreach (var service in Services.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync() => await Services.DisposeAsync();
}
