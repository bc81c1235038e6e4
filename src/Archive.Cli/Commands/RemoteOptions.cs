using System.CommandLine;

namespace Archive.Cli.Commands;

/// <summary>Options of the commands that talk to the API after writing to storage: where it is, its admin key, and whether to wait.</summary>
public sealed class RemoteOptions
{
    public const string DefaultApi = "http://localhost:7071/api";

    public Option<string?> Api { get; } = new("--api") { Description = $"The API to ask what became of each blob (default: the Archive:ApiUrl setting, {DefaultApi})" };

    public Option<string?> Key { get; } = new("--key") { Description = "Admin key: a function key in Azure (default: the Archive:AdminKey setting)" };

    public Option<bool> NoWait { get; } = new("--no-wait") { Description = "Do not wait for each blob to be processed" };

    public Option<int> Timeout { get; } = new("--timeout")
    {
        Description = "Seconds to wait for processing before giving up (exit code 3)",
        DefaultValueFactory = _ => 120,
    };

    public void AddTo(Command command)
    {
        command.Add(Api);
        command.Add(Key);
        command.Add(NoWait);
        command.Add(Timeout);
    }

    /// <summary>The API client, or null with --no-wait.</summary>
    public ArchiveApiClient? Client(ParseResult parse, IConfiguration configuration) =>
        parse.GetValue(NoWait)
            ? null
            : new ArchiveApiClient(
                new Uri((parse.GetValue(Api) ?? configuration["Archive:ApiUrl"] ?? DefaultApi).TrimEnd('/') + "/"),
                parse.GetValue(Key) ?? configuration["Archive:AdminKey"],
                TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(Timeout))));
}
