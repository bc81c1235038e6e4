namespace Archive.Core.Markdown;

/// <summary>
/// A relative reference in a post, resolved as a browser resolves a relative URL against the
/// post's blob name (§11): percent-decoded, case-sensitive, <c>..</c> and <c>.</c> segments
/// applied, a leading <c>/</c> from the container's root.
/// </summary>
public static class BlobPath
{
    /// <summary>Segments a reference may climb or name: bounds the work of a hostile path.</summary>
    private const int MaxSegments = 64;

    /// <summary>The blob a reference names, with its fragment; null when it is no reference to a blob (absolute, a fragment or query alone, empty).</summary>
    public static BlobReferenceTarget? Resolve(string postBlobName, string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > 2048 || IsAbsolute(url) || url[0] is '#' or '?' || url.StartsWith("//", StringComparison.Ordinal))
        {
            return null;
        }

        var fragmentAt = url.IndexOf('#', StringComparison.Ordinal);
        var fragment = fragmentAt < 0 ? null : url[(fragmentAt + 1)..];
        var path = fragmentAt < 0 ? url : url[..fragmentAt];
        var queryAt = path.IndexOf('?', StringComparison.Ordinal);
        if (queryAt >= 0)
        {
            path = path[..queryAt];
        }

        if (path.Length == 0)
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Uri.UnescapeDataString(path);
        }
        catch (UriFormatException)
        {
            return null;
        }

        var segments = new List<string>();
        if (decoded[0] != '/')
        {
            var folderEnd = postBlobName.LastIndexOf('/');
            if (folderEnd > 0)
            {
                segments.AddRange(postBlobName[..folderEnd].Split('/'));
            }
        }

        var parts = decoded.Split('/');
        if (parts.Length + segments.Count > MaxSegments)
        {
            return new BlobReferenceTarget(null, fragment, url);
        }

        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part == "..")
            {
                if (segments.Count == 0)
                {
                    // Above the container: no blob is there.
                    return new BlobReferenceTarget(null, fragment, url);
                }

                segments.RemoveAt(segments.Count - 1);
            }
            else if (part != "." && (part.Length > 0 || i == parts.Length - 1))
            {
                segments.Add(part);
            }
        }

        var blob = string.Join('/', segments);
        return new BlobReferenceTarget(blob.Length == 0 || blob.EndsWith('/') ? null : blob, fragment, url);
    }

    private static bool IsAbsolute(string url)
    {
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        var slash = url.IndexOfAny(['/', '?', '#']);
        return colon > 0 && (slash < 0 || colon < slash);
    }
}

/// <summary>A reference resolved: the blob it names (null when it climbs above the container), its fragment, and the reference as written.</summary>
public sealed record BlobReferenceTarget(string? Blob, string? Fragment, string Written);
