namespace Archive.Api.Routing;

/// <summary>
/// Route templates, as constants so the Functions attributes and the route table share them.
/// The Functions host reserves routes that start with "admin"; a regex-constrained first segment
/// matches the same URL (<c>/api/admin/...</c>) without tripping that check, in the host and in ASP.NET Core alike.
/// </summary>
public static class Routes
{
    /// <summary>
    /// Where the API lives: the Functions app's routePrefix is "" (pages answer from the root, §12), so
    /// each function's route starts with this, as the local host's group does.
    /// </summary>
    public const string Api = "api/";

    public const string Posts = "posts";
    public const string Post = "posts/{id}";
    public const string Themes = "themes";
    public const string Tags = "tags";
    public const string Search = "search";
    public const string Related = "posts/{id}/related";
    public const string Theme = "themes/{slug}";
    public const string ReadingTime = "reading-time";
    public const string Health = "health";
    public const string OpenApi = "openapi.json";
    public const string Changes = "changes";
    public const string JsonFeed = "feed.json";
    public const string AtomFeed = "feed.xml";

    /// <summary>A catch-all: an image's blob name, slashes and all (§11).</summary>
    public const string Media = "media/{*name}";
    public const string AdminSegment = "{area:regex(^admin$)}";
    public const string Rejections = AdminSegment + "/rejections";
    public const string Reindex = AdminSegment + "/reindex";
    public const string ThemeSuggestions = AdminSegment + "/theme-suggestions";

    /// <summary>A catch-all: blob names hold slashes (<c>my-posts/sub/a.md</c>).</summary>
    public const string BlobState = AdminSegment + "/blobs/{*name}";

    /// <summary>The path a client calls (below <c>/api</c>): the admin segment written as the word it matches, a catch-all as a plain parameter.</summary>
    public static string PublicPath(string template) => template.Replace(AdminSegment, "admin", StringComparison.Ordinal).Replace("{*", "{", StringComparison.Ordinal);
}
