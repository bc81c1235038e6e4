using System.Diagnostics;
using Archive.Cli.Local;

namespace Archive.EndToEnd.Tests;

/// <summary>
/// <c>archive</c> installed the way the README says (<c>dotnet pack</c>, then <c>dotnet tool
/// install</c> from the packed folder; here into a tool path, not globally), then run outside the
/// repository: help, an offline check, and <c>serve</c> against Azurite with no repository to lean on.
/// </summary>
public sealed class ToolInstallTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string Root = RepositoryPaths.Root ?? throw new InvalidOperationException("Archive.sln not found");

    [Fact]
    public async Task The_packed_tool_installs_and_runs_outside_the_repository()
    {
        var work = Directory.CreateTempSubdirectory("archive-tool-").FullName;
        var packages = Path.Combine(work, "packages");
        var tools = Path.Combine(work, "tools");
        // Built into the git-ignored artifacts/ (kept between runs, so the build is incremental), never into
        // src/*/bin/Release, which start.sh runs.
        var pack = await ToolProcess.RunAsync("dotnet", Root, "pack", Path.Combine(Root, "src", "Archive.Cli"), "-c", "Release", "-o", packages, "--artifacts-path", Path.Combine(Root, "artifacts", "tool-build"));
        Assert.True(pack.ExitCode == 0, pack.Output);
        var install = await ToolProcess.RunAsync("dotnet", work, "tool", "install", "Archive.Cli", "--tool-path", tools, "--add-source", packages);
        Assert.True(install.ExitCode == 0, install.Output);
        var archive = Path.Combine(tools, OperatingSystem.IsWindows() ? "archive.exe" : "archive");

        // By name, from a shell whose PATH has the tool folder as the README says (bash and zsh alike).
        var byName = await ToolProcess.RunAsync("bash", work, "-c", $"export PATH=\"$PATH:{tools}\" && command -v archive && archive --version");
        Assert.True(byName.ExitCode == 0, byName.Output);
        Assert.Contains(Path.Combine(tools, "archive"), byName.Output, StringComparison.Ordinal);

        var help = await ToolProcess.RunAsync(archive, work, "--help");
        Assert.True(help.ExitCode == 0, help.Output);
        foreach (var command in new[] { "serve", "check", "upload", "sync", "delete", "reindex" })
        {
            Assert.Contains(command, help.Output, StringComparison.Ordinal);
        }

        var posts = Directory.CreateDirectory(Path.Combine(work, "posts")).FullName;
        File.Copy(Path.Combine(Root, "content", "thread_0311.md"), Path.Combine(posts, "thread_0311.md"));
        var check = await ToolProcess.RunAsync(archive, work, "check", "posts");
        Assert.True(check.ExitCode == 0, check.Output);
        Assert.Contains("1 posts would be accepted, 0 rejected", check.Output, StringComparison.Ordinal);

        // serve outside the repository: a missing content folder is a clear error, and with storage given it serves.
        var missing = await ToolProcess.RunAsync(archive, work, "serve", "--content", "no-such-folder", "--connection", azurite.ConnectionString);
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("the content folder 'no-such-folder' does not exist", missing.Output, StringComparison.Ordinal);

        var port = AzuriteProcess.FreePort();
        var container = "tool" + Guid.NewGuid().ToString("N")[..8];
        // Not the test's own settings: the installed tool reads only its own appsettings and these.
        var environment = new Dictionary<string, string> { ["Archive__Table"] = container };
        using var serve = ToolProcess.Start(archive, work, environment, "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--connection", azurite.ConnectionString, "--container", container, "--content", "posts");
        try
        {
            using var http = new HttpClient();
            var served = await Eventually.TrueAsync(async () =>
            {
                try
                {
                    return (await http.GetStringAsync($"http://localhost:{port}/api/posts/thread_0311")).Contains("thread_0311", StringComparison.Ordinal);
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, TimeSpan.FromSeconds(60));
            Assert.True(served, "the installed archive did not serve the content folder it was given");
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
        }
    }
}
