using System.CommandLine;
using Archive.Cli.Local;
using Archive.Storage;
using Archive.Storage.Ingestion;
using Spectre.Console;

namespace Archive.Cli.Commands;

/// <summary>
/// <c>archive serve</c>: the whole local stack. Starts Azurite from node_modules when none answers
/// (development storage only), creates the container and table, loads content/ into an empty
/// container, and serves every route on http://localhost:7071/api until Ctrl+C.
/// </summary>
public static class ServeCommand
{
    private const int AzuriteBlobPort = 10000;
    private const int AzuriteQueuePort = 10001;
    private const int AzuriteTablePort = 10002;

    public static Command Create(CommonOptions common)
    {
        var port = new Option<int>("--port") { Description = "Port of the API", DefaultValueFactory = _ => 7071 };
        var content = new Option<string?>("--content") { Description = "Posts loaded into an empty container (default: the Archive:ContentFolder setting, else the repository's content/ when run inside it)" };
        var azurite = new Option<string?>("--azurite") { Description = "Azurite executable to start when none answers (default: the Archive:AzuritePath setting, else the repository's node_modules)" };
        var command = new Command("serve", "Run Archive locally: Azurite, ingestion and the API on http://localhost:7071/api") { port, content, azurite };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = common.Configuration(parse);
            var verbose = parse.GetValue(common.Verbose);
            try
            {
                var folder = parse.GetValue(content) ?? configuration["Archive:ContentFolder"];
                if (folder is not null && !Directory.Exists(folder))
                {
                    throw new InvalidOperationException($"the content folder '{folder}' does not exist (--content, Archive:ContentFolder)");
                }

                var executable = parse.GetValue(azurite) ?? configuration["Archive:AzuritePath"] ?? RepositoryPaths.AzuriteExecutable;
                return await RunAsync(configuration, parse.GetValue(port), folder ?? RepositoryPaths.Content, executable, verbose, cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                return CliError.Report(error, configuration, verbose);
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(IConfigurationRoot configuration, int port, string? contentFolder, string? azuriteExecutable, bool verbose, CancellationToken cancellationToken)
    {
        if (!PortIsFree(port))
        {
            throw new InvalidOperationException($"port {port} is in use (another archive serve, or func start?); stop it or pass --port");
        }

        await using var azurite = await StartAzuriteIfNeededAsync(configuration, azuriteExecutable, cancellationToken);
        var url = $"http://localhost:{port}";
        var app = LocalHost.Build(verbose ? ["--Logging:LogLevel:Default=Debug"] : [], url, builder => builder.AddConfiguration(configuration));
        var store = app.Services.GetRequiredService<ArchiveStore>();
        await store.EnsureCreatedAsync(cancellationToken);
        if (contentFolder is not null && Directory.Exists(contentFolder) && !await AnyBlobAsync(store, cancellationToken))
        {
            // The API is not up yet: the reconcile below ingests what was uploaded, and serve reports it.
            var items = PostUploader.Collect([contentFolder], out var problems);
            var status = await UploadCommand.RunAsync(items, problems, configuration, api: null, verbose, cancellationToken);
            if (status != 0)
            {
                return status;
            }
        }

        // Serve what is there from the first request, not a watcher tick later.
        var report = await app.Services.GetRequiredService<Reconciler>().ReconcileAsync(recomputeTotals: true, cancellationToken);
        await app.StartAsync(cancellationToken);
        var posts = report.Added + report.Updated + report.Unchanged;
        AnsiConsole.MarkupLineInterpolated($"[green]Archive[/] serves {posts} posts on [link]{url}/api/posts[/] (container '{store.Posts.Name}', {report.Rejected} rejected).");
        AnsiConsole.MarkupLineInterpolated($"Read them at [link]{url}/[/].");

        foreach (var failed in report.Changes.Where(c => c.Outcome == IngestOutcome.Failed))
        {
            // It still starts: one blob's failure is that blob's; the watcher tries it again.
            AnsiConsole.MarkupLineInterpolated($"[yellow]could not ingest[/] {failed.Blob}: {failed.Reason}");
        }

        AnsiConsole.MarkupLineInterpolated($"Admin routes take the key in x-functions-key (setting Archive:AdminKey). Ctrl+C stops{(azurite is null ? string.Empty : " the API and Azurite")}.");
        await app.WaitForShutdownAsync(CancellationToken.None);
        await app.DisposeAsync();
        return 0;
    }

    private static async Task<AzuriteProcess?> StartAzuriteIfNeededAsync(IConfiguration configuration, string? executable, CancellationToken cancellationToken)
    {
        if (!CliConfiguration.UsesDevelopmentStorage(configuration)
            || (await AzuriteProcess.AnswersAsync(AzuriteBlobPort) && await AzuriteProcess.AnswersAsync(AzuriteTablePort)))
        {
            return null;
        }

        if (executable is null || !File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Azurite is not running on 127.0.0.1:{AzuriteBlobPort}, and {(executable is null ? "no Azurite was found (outside the repository there is no node_modules)" : $"'{executable}' does not exist")}; " +
                "start Azurite yourself (npx azurite --disableTelemetry), pass --azurite PATH (setting Archive:AzuritePath), or run 'npm ci' in the repository");
        }

        AnsiConsole.MarkupLineInterpolated($"Starting Azurite (data in {RepositoryPaths.AzuriteData})…");
        return await AzuriteProcess.StartAsync(executable, RepositoryPaths.AzuriteData, AzuriteBlobPort, AzuriteQueuePort, AzuriteTablePort, cancellationToken);
    }

    private static bool PortIsFree(int port)
    {
        try
        {
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private static async Task<bool> AnyBlobAsync(ArchiveStore store, CancellationToken cancellationToken)
    {
        await foreach (var _ in store.Posts.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            return true;
        }

        return false;
    }
}
