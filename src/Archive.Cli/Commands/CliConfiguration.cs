namespace Archive.Cli.Commands;

/// <summary>
/// Settings for every command, from the usual .NET sources in order: appsettings.json beside the
/// program, environment variables (<c>Archive__AdminKey</c>, <c>AzureWebJobsStorage</c>), then options.
/// </summary>
public static class CliConfiguration
{
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    public static IConfigurationRoot Build(string? connection, string? container, string? account = null)
    {
        var overrides = new Dictionary<string, string?>();
        if (connection is not null)
        {
            overrides["AzureWebJobsStorage"] = connection;
        }
        else if (account is not null)
        {
            // Sign in with Entra ID (az login, a managed identity...): accounts deployed from infra/ refuse shared keys.
            overrides["AzureWebJobsStorage"] = string.Empty;
            overrides["AzureWebJobsStorage:accountName"] = account;
        }

        if (container is not null)
        {
            overrides["Archive:PostsContainer"] = container;
        }

        return new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            .Build();
    }

    public static bool UsesDevelopmentStorage(IConfiguration configuration) =>
        string.Equals(configuration["AzureWebJobsStorage"]?.Trim().TrimEnd(';'), DevelopmentStorage, StringComparison.OrdinalIgnoreCase);
}
