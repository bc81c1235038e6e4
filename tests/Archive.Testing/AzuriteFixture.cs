using Archive.Cli.Local;

namespace Archive.Testing;

/// <summary>
/// Azurite for a test class (<c>IClassFixture&lt;AzuriteFixture&gt;</c>): private Azurites on free
/// loopback ports with their data in temporary folders, one per core, started as classes first ask
/// and stopped when the test process ends; classes are handed them in turn. An Azurite is one
/// single-threaded Node process, so one alone is what classes running in parallel would wait on.
/// Classes keep their storage apart (each <see cref="TestArchive"/> has its own container and table).
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    // test.sh names its run (ARCHIVE_TEST_RUN) so that, at its end, it ends the Azurites of its own run only, never another run's.
    private static readonly string DataFolder = Path.Combine(
        Path.GetTempPath(), "archive-tests-" + (Environment.GetEnvironmentVariable("ARCHIVE_TEST_RUN") is { Length: > 0 } run ? run + "-" : string.Empty) + Guid.NewGuid().ToString("N"));
    private static readonly Lazy<Task<AzuriteProcess>>[] Pool =
        [.. Enumerable.Range(0, Math.Max(1, Environment.ProcessorCount)).Select(i => new Lazy<Task<AzuriteProcess>>(() => StartAsync(Path.Combine(DataFolder, i.ToString(System.Globalization.CultureInfo.InvariantCulture)))))];

    private static readonly object Gate = new();
    private static int handedOut;
    private static Task<TestArchive>? contentArchive;
    private AzuriteProcess? azurite;

    public string ConnectionString => azurite!.ConnectionString;

    public async Task InitializeAsync() => azurite = await Pool[(Interlocked.Increment(ref handedOut) - 1) % Pool.Length].Value;

    /// <summary>An archive holding exactly the content/ folder, started once per process and shared by the read-only tests.</summary>
    public Task<TestArchive> ContentArchive()
    {
        lock (Gate)
        {
            return contentArchive ??= StartContentArchiveAsync();
        }
    }

    public async Task DisposeAsync()
    {
        // For test.sh's closing lines: how many responses were checked against the OpenAPI document so far.
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "contract-checked.txt"), $"{ContractChecks.Validated}\n");
    }

    private async Task<TestArchive> StartContentArchiveAsync()
    {
        var archive = await TestArchive.StartAsync(this);
        await archive.UploadContentFolderAsync();
        return archive;
    }

    private static async Task<AzuriteProcess> StartAsync(string dataFolder)
    {
        var executable = RepositoryPaths.AzuriteExecutable
            ?? throw new InvalidOperationException("Run the tests from the repository (Archive.sln not found).");
        var process = await AzuriteProcess.StartAsync(
            executable, dataFolder, AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), CancellationToken.None);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(process);
        return process;
    }

    private static void Stop(AzuriteProcess process)
    {
        process.Kill();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }
}
