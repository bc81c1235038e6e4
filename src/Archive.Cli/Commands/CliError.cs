using Archive.Storage;
using Spectre.Console;

namespace Archive.Cli.Commands;

/// <summary>Failures as one clear line (the exception itself only with --verbose), and the exit code.</summary>
public static class CliError
{
    public const int Failed = 1;
    public const int StorageUnavailable = 2;

    /// <summary>Uploaded, but not every blob was processed within --timeout.</summary>
    public const int TimedOut = 3;

    public static int Report(Exception error, IConfiguration configuration, bool verbose)
    {
        // An error of ours that wraps a network failure (the API does not answer) is said as it is.
        var storageDown = error is not InvalidOperationException && StorageFailure.Is(error);
        var line = Missing(error, configuration) ?? (storageDown ? StorageLine(configuration) : error.Message);
        AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {line}");
        if (verbose)
        {
            AnsiConsole.WriteException(error);
        }
        else if (!storageDown)
        {
            AnsiConsole.MarkupLine("[grey](--verbose shows details)[/]");
        }

        return storageDown ? StorageUnavailable : Failed;
    }

    /// <summary>Storage answers, but the table or the container named is not there: say which, not "does not answer".</summary>
    private static string? Missing(Exception error, IConfiguration configuration) => error switch
    {
        Azure.RequestFailedException { ErrorCode: "TableNotFound" } => $"storage answers, but the table '{configuration["Archive:Table"] ?? "archive"}' does not exist; start the host once (it creates it) or check Archive:Table",
        Azure.RequestFailedException { ErrorCode: "ContainerNotFound" } => "storage answers, but the container does not exist; check --container (Archive:PostsContainer)",
        _ => error.InnerException is { } inner ? Missing(inner, configuration) : null,
    };

    public static string StorageLine(IConfiguration configuration) =>
        CliConfiguration.UsesDevelopmentStorage(configuration)
            ? "Azurite is not running on 127.0.0.1:10000; start it with ./start.sh (or: npx azurite --disableTelemetry --location .azurite)"
            : "the storage account in AzureWebJobsStorage does not answer; check the connection (--connection) and the network";
}
