namespace Archive.Cli.Local;

/// <summary>Where the repository's own files are (node_modules, content/, .azurite/), found by walking up from here.</summary>
public static class RepositoryPaths
{
    public static string? Root { get; } = FindRoot();

    public static string? AzuriteExecutable =>
        Root is null ? null : Path.Combine(Root, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite");

    public static string? Content => Root is null ? null : Path.Combine(Root, "content");

    public static string AzuriteData => Path.Combine(Root ?? Directory.GetCurrentDirectory(), ".azurite");

    private static string? FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Archive.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
