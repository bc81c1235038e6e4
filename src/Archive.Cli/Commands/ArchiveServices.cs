using Archive.Core;
using Archive.Media;
using Archive.Storage;

namespace Archive.Cli.Commands;

/// <summary>The components for commands that run without the web host: storage for upload and reindex, the parser alone for the offline check.</summary>
public static class ArchiveServices
{
    public static ServiceProvider Build(IConfiguration configuration, bool verbose) =>
        Base(configuration, verbose).AddArchiveStorage(configuration).BuildServiceProvider();

    /// <summary>The hosts' own parser and image registrations and settings (validated when they are made), and no storage client.</summary>
    public static ServiceProvider BuildParser(IConfiguration configuration) =>
        Base(configuration, verbose: false).AddArchiveParser().AddArchiveMedia().BuildServiceProvider();

    private static IServiceCollection Base(IConfiguration configuration, bool verbose) =>
        new ServiceCollection()
            .AddLogging(logging => logging.AddConfiguration(configuration.GetSection("Logging")).AddSimpleConsole(o => o.SingleLine = true)
                .SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Warning))
            .AddSingleton(configuration);
}
