using System.Security.Cryptography;

namespace Archive.Pages.Site;

/// <summary>One static file of the reader (web/), held in memory with its type and a hash of its bytes.</summary>
public sealed record SiteAsset(string Name, byte[] Bytes, string ContentType, string Hash)
{
    /// <summary>Its URL with the hash as version: the page names the bytes it was made with, so they may be cached as immutable.</summary>
    public string Url => $"/assets/{Name}?v={Hash}";
}

/// <summary>
/// The reader's script, style and icon, embedded in this assembly (web/ in the repository): the same
/// bytes in every host, none read from disk per request.
/// </summary>
public static class SiteAssets
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    private static readonly Dictionary<string, SiteAsset> ByName = Load();

    public static SiteAsset Style => ByName["style.css"];

    public static SiteAsset Script => ByName["app.js"];

    public static SiteAsset Icon => ByName["favicon.svg"];

    /// <summary>Changes when any asset does: part of every page's ETag, so a new script is never paired with a page cached for the old one.</summary>
    public static string Version { get; } = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('|', ByName.Values.OrderBy(a => a.Name, StringComparer.Ordinal).Select(a => a.Hash)))))[..8];

    public static SiteAsset? Find(string name) => ByName.GetValueOrDefault(name);

    private static Dictionary<string, SiteAsset> Load()
    {
        var assembly = typeof(SiteAssets).Assembly;
        var assets = new Dictionary<string, SiteAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("web/", StringComparison.Ordinal)))
        {
            var name = resource["web/".Length..];
            if (!Types.TryGetValue(Path.GetExtension(name), out var type) || name.Contains('/', StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            assets[name] = new SiteAsset(name, bytes, type, Convert.ToHexStringLower(SHA256.HashData(bytes))[..12]);
        }

        return assets;
    }
}
