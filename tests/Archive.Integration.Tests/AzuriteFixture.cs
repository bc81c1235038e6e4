using Archive.Cli.Local;

namespace Archive.Integration.Tests;

/// <summary>One private Azurite for the whole test run: free loopback ports, data in a temporary folder, stopped at the end.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), "archive-tests-" + Guid.NewGuid().ToString("N"));
    private AzuriteProcess? azurite;
    private Task<TestArchive>? contentArchive;

    public string ConnectionString => azurite!.ConnectionString;

    public async Task InitializeAsync()
    {
        var executable = RepositoryPaths.AzuriteExecutable
            ?? throw new InvalidOperationException("Run the tests from the repository (Archive.sln not found).");
        azurite = await AzuriteProcess.StartAsync(
            executable, dataFolder, AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), CancellationToken.None);
    }

    /// <summary>An archive holding exactly the content/ folder, started once and shared by the read-only tests.</summary>
    public Task<TestArchive> ContentArchive()
    {
        lock (dataFolder)
        {
            return contentArchive ??= StartContentArchiveAsync();
        }
    }

    private async Task<TestArchive> StartContentArchiveAsync()
    {
        var archive = await TestArchive.StartAsync(this);
        await archive.UploadContentFolderAsync();
        return archive;
    }

    public async Task DisposeAsync()
    {
        if (contentArchive is not null)
        {
            await (await contentArchive).DisposeAsync();
        }

        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }

        // For test.sh's closing lines: how many responses were checked against the OpenAPI document.
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "contract-checked.txt"), $"{ContractChecks.Validated}\n");

        try
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite";
}
