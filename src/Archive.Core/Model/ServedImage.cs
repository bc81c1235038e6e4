namespace Archive.Core.Model;

/// <summary>
/// An image as served (§11): its URLs carry the site's origin as <see cref="SiteOrigin.Token"/>
/// until a response puts the real one in, so that a new origin needs no post rendered again.
/// </summary>
public sealed record ServedImage(string Blob, string Url, int Width, int Height, string Type, long Bytes, IReadOnlyList<ImageVariant> Variants)
{
    /// <summary>The URL a page names it by: the image's blob, escaped per segment, and its version (which makes the URL immutable).</summary>
    public static string UrlOf(string blob, string version, int? width = null) =>
        $"{SiteOrigin.Token}/api/media/{string.Join('/', blob.Split('/').Select(Uri.EscapeDataString))}?v={version}" + (width is { } w ? $"&w={w}" : string.Empty);
}

public sealed record ImageVariant(string Url, int Width);

/// <summary>An image of a post as a list shows it (§11: <c>image</c>, one shape everywhere).</summary>
public sealed record PostImage(string Url, string Alt, int Width, int Height);

/// <summary>A served image a post references, in the order first referenced, with the alt text of that first reference.</summary>
public sealed record PostMedia(ServedImage Image, string Alt);

/// <summary>Where the site's origin goes in stored HTML and URLs.</summary>
public static class SiteOrigin
{
    /// <summary>
    /// Not a URL an author can write into a post: links with a scheme other than http(s), mailto
    /// and tel are neutralised before rendering, so only Archive's own references carry it.
    /// </summary>
    public const string Token = "archive://site";

    /// <summary>The stored text with the origin put in (<c>https://example.org</c>, no trailing slash).</summary>
    public static string Absolute(string stored, string origin) => stored.Replace(Token, origin.TrimEnd('/'), StringComparison.Ordinal);

    /// <summary>A post's page (§12).</summary>
    public static string PostPath(string id, string slug) => $"{Token}/posts/{Uri.EscapeDataString(id)}/{Uri.EscapeDataString(slug)}";
}
