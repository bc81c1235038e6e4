using System.CommandLine;
using Archive.Cli.Commands;
using Spectre.Console;

if (Console.IsOutputRedirected)
{
    // Piped or captured output: do not wrap lines (or tables) at 80 columns.
    AnsiConsole.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0 ? columns : 240;
}

var common = new CommonOptions();
var remote = new RemoteOptions();
var root = new RootCommand("archive: run Archive locally; check, upload, sync and delete posts; reindex")
{
    ServeCommand.Create(common),
    CheckCommand.Create(common),
    UploadCommand.Create(common, remote),
    SyncCommand.Create(common, remote),
    DeleteCommand.Create(common, remote),
    ReindexCommand.Create(common),
};
return await root.Parse(args).InvokeAsync();
