using Microsoft.Extensions.FileProviders;

namespace Archive.Cli.Local;

/// <summary>
/// The reader (web/, spec §10) at <c>/</c> beside the API: static files with a Content-Security-Policy
/// that allows scripts and styles from this origin only, so nothing inline ever runs.
/// </summary>
public static class ReaderPage
{
    /// <summary>The page's policy; web/staticwebapp.config.json sends the same in Azure, with the API's origin in connect-src.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>web/ in the repository when run inside it (edits show on reload), else the copy beside the program.</summary>
    public static string? Folder
    {
        get
        {
            foreach (var candidate in new[] { RepositoryPaths.Root, AppContext.BaseDirectory })
            {
                var folder = candidate is null ? null : Path.Combine(candidate, "web");
                if (folder is not null && File.Exists(Path.Combine(folder, "index.html")))
                {
                    return folder;
                }
            }

            return null;
        }
    }

    public static void UseReaderPage(this WebApplication app, string folder)
    {
        var files = new PhysicalFileProvider(folder);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context => AddHeaders(context.Context.Response.Headers),
        });

        // Feed items link to {SiteUrl}posts/{id}, links between posts to /posts/{id}/{slug} (§11): both open the post in the reader.
        app.MapGet("/posts/{id}/{slug?}", (HttpContext context) =>
        {
            AddHeaders(context.Response.Headers);
            return Results.File(Path.Combine(folder, "index.html"), "text/html; charset=utf-8");
        });

        // Without a config.json of the owner's in web/, the page is told what it would assume (this
        // origin's /api) rather than asking for a file that is not there on every load.
        app.MapGet("/config.json", () => Results.Json(new { apiBaseUrl = "/api" }));
    }

    private static void AddHeaders(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        // Revalidated every time (by ETag): a changed script never mixes with a cached one.
        headers.CacheControl = "no-cache";
    }
}
