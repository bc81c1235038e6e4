using Archive.Api;
using Archive.Api.Contracts;
using Archive.Pages;
using Archive.Core.Stored;
using Microsoft.Extensions.Options;

namespace Archive.Cli.Local;

/// <summary>
/// Archive without the Functions host: the same route table, handlers, ingestor and reconciler,
/// served by Kestrel, with a watcher in place of the blob trigger and the timer, and the site's pages (§12) from its root.
/// </summary>
public static class LocalHost
{
    public static WebApplication Build(string[] args, string url, Action<IConfigurationBuilder>? configure = null, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        configure?.Invoke(builder.Configuration);
        builder.WebHost.UseUrls(url);

        // Kestrel answers a request line over its limit itself, with an empty 414; past ours (8 KB,
        // what the Functions host and browsers allow) we answer with problem details instead.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestLineSize = 64 * 1024);
        builder.Services.AddArchive(builder.Configuration);
        builder.Services.AddArchivePages();
        builder.Services.AddOptions<WatchOptions>().BindConfiguration("Archive").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<BlobWatcher>();
        builder.Services.ConfigureHttpJsonOptions(o => ArchiveJson.Configure(o.SerializerOptions));
        builder.Services.AddCors();
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.Use(RequestGuards.ApplyAsync);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        var origins = app.Services.GetRequiredService<IOptions<ApiOptions>>().Value.CorsOrigins;
        app.UseCors(cors =>
        {
            if (origins.Contains("*"))
            {
                cors.AllowAnyOrigin();
            }
            else
            {
                cors.WithOrigins(origins);
            }

            // Browsers keep a preflight's answer this long instead of asking before every call.
            cors.AllowAnyHeader().WithMethods("GET", "HEAD", "POST").WithExposedHeaders("ETag").SetPreflightMaxAge(TimeSpan.FromHours(1));
        });
        app.MapArchiveApi();
        app.MapArchivePages();
        return app;
    }
}
