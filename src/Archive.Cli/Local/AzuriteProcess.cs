using System.Diagnostics;
using System.Net.Sockets;

namespace Archive.Cli.Local;

/// <summary>Azurite (blob, queue, table) started from the repository's node_modules, on loopback; stopped on dispose.</summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private readonly Process process;

    private AzuriteProcess(Process process, int blobPort, int queuePort, int tablePort)
    {
        this.process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public string ConnectionString => ConnectionStringFor(BlobPort, QueuePort, TablePort);

    public static string ConnectionStringFor(int blobPort, int queuePort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{AccountName};QueueEndpoint=http://127.0.0.1:{queuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/{AccountName};";

    /// <summary>Starts Azurite with its data in <paramref name="dataFolder"/> and waits until its ports answer.</summary>
    public static async Task<AzuriteProcess> StartAsync(string executable, string dataFolder, int blobPort, int queuePort, int tablePort, CancellationToken cancellationToken)
    {
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException($"Azurite is not installed at {executable}; run 'npm ci' in the repository first.", executable);
        }

        Directory.CreateDirectory(dataFolder);
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose", "--location", dataFolder,
            "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new AzuriteProcess(process, blobPort, queuePort, tablePort);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await AnswersAsync(blobPort) && await AnswersAsync(tablePort)))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await azurite.DisposeAsync();
                throw new InvalidOperationException($"Azurite did not start listening on 127.0.0.1:{blobPort} and :{tablePort}.");
            }

            await Task.Delay(100, cancellationToken);
        }

        return azurite;
    }

    public static async Task<bool> AnswersAsync(int port, string host = "127.0.0.1")
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            await client.ConnectAsync(host, port, timeout.Token);
            return true;
        }
        catch (Exception error) when (error is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Ends Azurite at once, its data not saved (a test run's, which nobody reads again).</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>
    /// Stops Azurite the way Ctrl+C would, so that it writes its data to disk (it keeps it in memory
    /// and saves every few seconds: a kill loses what came last); killed only if it does not stop.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited && !OperatingSystem.IsWindows())
        {
            using var terminate = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false });
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                // It did not stop in time: killed below.
            }
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
