using System.CommandLine;

namespace Archive.Cli.Commands;

/// <summary>Options every command takes.</summary>
public sealed class CommonOptions
{
    public Option<bool> Verbose { get; } = new("--verbose") { Description = "Show details of errors and debug logging" };

    public Option<string?> Connection { get; } = new("--connection")
    {
        Description = "Storage connection string (default: the AzureWebJobsStorage setting, UseDevelopmentStorage=true for Azurite)",
    };

    public Option<string?> Account { get; } = new("--account")
    {
        Description = "Storage account name, signing in with Entra ID (az login) instead of a connection string",
    };

    public Option<string?> Container { get; } = new("--container") { Description = "Posts container (default: the Archive:PostsContainer setting, 'posts')" };

    public void AddTo(Command command)
    {
        command.Add(Verbose);
        command.Add(Connection);
        command.Add(Account);
        command.Add(Container);
    }

    public IConfigurationRoot Configuration(ParseResult parse) =>
        CliConfiguration.Build(parse.GetValue(Connection), parse.GetValue(Container), parse.GetValue(Account));

    /// <summary>The command's action with its settings; any failure becomes one clear line and its exit code (<see cref="CliError"/>).</summary>
    public void SetAction(Command command, Func<ParseResult, IConfigurationRoot, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = Configuration(parse);
            try
            {
                return await action(parse, configuration, cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                return CliError.Report(error, configuration, parse.GetValue(Verbose));
            }
        });
}
