using System.Diagnostics;
using System.Text;

namespace Archive.EndToEnd.Tests;

/// <summary>The built <c>archive</c> program run as a user runs it: a separate process, real arguments, real output.</summary>
public sealed class ArchiveCli : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private ArchiveCli(Process process)
    {
        this.process = process;
    }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public int ExitCode => process.ExitCode;

    public static ArchiveCli Start(IEnumerable<string> arguments, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "archive.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["COLUMNS"] = "200";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        var cli = new ArchiveCli(process);
        process.OutputDataReceived += (_, e) => cli.Append(e.Data);
        process.ErrorDataReceived += (_, e) => cli.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>Runs a command to its end (at most a minute).</summary>
    public static Task<ArchiveCli> RunAsync(params string[] arguments) => RunInAsync(AppContext.BaseDirectory, arguments);

    /// <summary>Runs a command to its end (at most a minute) in <paramref name="folder"/>.</summary>
    public static Task<ArchiveCli> RunInAsync(string folder, params string[] arguments) => RunAsync(folder, null, arguments);

    /// <summary>Runs a command to its end (at most a minute) in <paramref name="folder"/>, with settings in its environment.</summary>
    public static async Task<ArchiveCli> RunAsync(string folder, IDictionary<string, string>? environment, params string[] arguments)
    {
        var cli = Start(arguments, environment, folder);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await cli.process.WaitForExitAsync(timeout.Token);
        cli.process.WaitForExit();
        return cli;
    }

    public async Task StopAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
