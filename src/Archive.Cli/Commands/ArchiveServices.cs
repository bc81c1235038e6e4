using Archive.Storage;

namespace Archive.Cli.Commands;

/// <summary>The storage components for commands that run without the web host (upload, reindex).</summary>
public static class ArchiveServices
{
    public static ServiceProvider Build(IConfiguration configuration, bool verbose) =>
        new ServiceCollection()
            .AddLogging(logging => logging.AddConfiguration(configuration.GetSection("Logging")).AddSimpleConsole(o => o.SingleLine = true)
                .SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Warning))
            .AddSingleton<IConfiguration>(configuration)
            .AddArchiveStorage(configuration)
            .BuildServiceProvider();
}
