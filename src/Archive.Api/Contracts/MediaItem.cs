using Archive.Core.Model;

namespace Archive.Api.Contracts;

/// <summary>A post's image as §11 serves it: its blob, absolute URL, alt text, size as shown, type, bytes served and variants.</summary>
public sealed record MediaItem(string Blob, string Url, string Alt, int Width, int Height, string Type, long Bytes, IReadOnlyList<MediaVariant> Variants)
{
    public static MediaItem From(PostMedia media) =>
        new(media.Image.Blob, media.Image.Url, media.Alt, media.Image.Width, media.Image.Height, media.Image.Type, media.Image.Bytes,
            [.. media.Image.Variants.Select(v => new MediaVariant(v.Url, v.Width))]);
}

/// <summary>A smaller WebP copy of an image.</summary>
public sealed record MediaVariant(string Url, int Width);

/// <summary>A post's first image as lists show it (§11: one shape everywhere).</summary>
public sealed record ImageRef(string Url, string Alt, int Width, int Height);
