using Microsoft.Extensions.DependencyInjection;

namespace Archive.Media;

public static class MediaServiceCollectionExtensions
{
    /// <summary>The image processor and its settings (section "Archive"), validated at start: one registration for the hosts and <c>archive check</c>.</summary>
    public static IServiceCollection AddArchiveMedia(this IServiceCollection services)
    {
        services.AddOptions<MediaOptions>().BindConfiguration("Archive").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ImageProcessor>();
        return services;
    }
}
