using System.Diagnostics;

namespace Archive.Testing;

/// <summary>A program other than <c>archive.dll</c> (dotnet, an installed tool, a Node tool) run to its end in a folder, with its output.</summary>
public static class ToolProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, string folder, params string[] arguments)
    {
        using var process = Process.Start(Info(program, folder, arguments))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Started and left running (its output read and dropped); the caller kills it.</summary>
    public static Process Start(string program, string folder, IDictionary<string, string> environment, params string[] arguments)
    {
        var info = Info(program, folder, arguments);
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static ProcessStartInfo Info(string program, string folder, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["COLUMNS"] = "200";
        return start;
    }
}
