using Archive.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Benchmarks;

/// <summary>Archive's storage components over containers and a table of their own (named after <paramref name="prefix"/>), for a benchmark that counts what they do.</summary>
internal static class BenchStorage
{
    public static ServiceProvider Build(string connection, string prefix)
    {
        var name = prefix + Guid.NewGuid().ToString("N")[..10];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connection,
            ["Archive:PostsContainer"] = name,
            ["Archive:ContentContainer"] = name + "-content",
            ["Archive:Table"] = name,
        }).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddArchiveStorage(configuration).BuildServiceProvider();
    }
}
