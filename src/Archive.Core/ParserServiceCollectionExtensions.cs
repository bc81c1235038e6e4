using Archive.Core.Parsing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Archive.Core;

public static class ParserServiceCollectionExtensions
{
    /// <summary>The settings section every Archive setting is read from.</summary>
    public const string Section = "Archive";

    /// <summary>
    /// The parser and its settings (section <see cref="Section"/>, validated at start): the one
    /// registration the hosts, the ingestor and the offline <c>archive check</c> share.
    /// </summary>
    public static IServiceCollection AddArchiveParser(this IServiceCollection services)
    {
        services.AddOptions<ParserOptions>().BindConfiguration(Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new PostParser(sp.GetRequiredService<IOptions<ParserOptions>>().Value));
        return services;
    }
}
