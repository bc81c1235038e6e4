using Archive.Api;
using Archive.Core.Contract;
using Microsoft.Extensions.Options;

namespace Archive.Cli.Local;

/// <summary>
/// Archive without the Functions host: the same route table, handlers, ingestor and reconciler,
/// served by Kestrel, with a watcher in place of the blob trigger and the timer.
/// </summary>
public static class LocalHost
{
    public static WebApplication Build(string[] args, string url, Action<IConfigurationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        configure?.Invoke(builder.Configuration);
        builder.WebHost.UseUrls(url);
        builder.Services.AddArchive(builder.Configuration);
        builder.Services.AddOptions<WatchOptions>().BindConfiguration("Archive").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<BlobWatcher>();
        builder.Services.ConfigureHttpJsonOptions(o => ArchiveJson.Configure(o.SerializerOptions));
        builder.Services.AddCors();

        var app = builder.Build();
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

            cors.AllowAnyHeader().WithMethods("GET", "POST").WithExposedHeaders("ETag");
        });
        app.MapArchiveApi();
        return app;
    }
}
