using Archive.Storage;
using Spectre.Console;

namespace Archive.Cli.Commands;

/// <summary>Failures as one clear line (the exception itself only with --verbose), and the exit code.</summary>
public static class CliError
{
    public const int Failed = 1;
    public const int StorageUnavailable = 2;

    public static int Report(Exception error, IConfiguration configuration, bool verbose)
    {
        var storageDown = StorageFailure.Is(error);
        var line = storageDown ? StorageLine(configuration) : error.Message;
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

    public static string StorageLine(IConfiguration configuration) =>
        CliConfiguration.UsesDevelopmentStorage(configuration)
            ? "Azurite is not running on 127.0.0.1:10000; start it with ./start.sh (or: npx azurite --disableTelemetry --location .azurite)"
            : "the storage account in AzureWebJobsStorage does not answer; check the connection (--connection) and the network";
}
