namespace Archive.Media;

/// <summary>An image made ready to serve: the copy served at its own URL, its size as shown, and its WebP variants.</summary>
public sealed record ProcessedImage(ImageFormat Format, byte[] Served, int Width, int Height, int Frames, IReadOnlyList<ImageVariantBytes> Variants)
{
    public string ContentType => Format.ContentType();
}

public sealed record ImageVariantBytes(int Width, int Height, byte[] Webp);

/// <summary>What an image blob gave: the image, or why it is rejected.</summary>
public sealed record MediaResult(ProcessedImage? Image, string? Rejection)
{
    public static MediaResult Rejected(string reason) => new(null, reason);
}
