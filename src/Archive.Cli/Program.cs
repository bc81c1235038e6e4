using System.CommandLine;
using Archive.Cli.Commands;
using Spectre.Console;

if (Console.IsOutputRedirected)
{
    // Piped or captured output: do not wrap lines (or tables) at 80 columns.
    AnsiConsole.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0 ? columns : 240;
}

var common = new CommonOptions();
var root = new RootCommand("archive: run Archive locally, check and upload posts, reindex")
{
    ServeCommand.Create(common),
    UploadCommand.Create(common),
    CheckCommand.Create(common),
    ReindexCommand.Create(common),
};
return await root.Parse(args).InvokeAsync();
