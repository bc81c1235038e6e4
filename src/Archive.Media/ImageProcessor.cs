using Microsoft.Extensions.Options;
using SkiaSharp;

namespace Archive.Media;

/// <summary>
/// One uploaded image to what is served (§11). Everything that costs memory is bounded before it
/// is spent: the bytes by <see cref="MediaOptions.MaxMediaBytes"/>, the pixels of all frames by
/// <see cref="MediaOptions.MaxMediaPixels"/> from the header alone, and decodes by a gate of
/// <see cref="MediaOptions.MediaDecodeParallelism"/> per process. Never throws on content.
/// </summary>
public sealed class ImageProcessor(IOptions<MediaOptions> options) : IDisposable
{
    /// <summary>Widths of the WebP variants, each made only when narrower than the image (§11).</summary>
    public static readonly IReadOnlyList<int> VariantWidths = [480, 960, 1600];

    /// <summary>Bumped when what is made of an image changes: stored images are made again by the next reconcile.</summary>
    public const int Version = 1;

    private const int JpegQuality = 90;
    private const int WebpQuality = 80;

    private readonly SemaphoreSlim decodes = new(options.Value.MediaDecodeParallelism);

    public void Dispose() => decodes.Dispose();

    /// <summary>The size limit, for callers that can tell a file's size before reading it.</summary>
    public int MaxBytes => options.Value.MaxMediaBytes;

    public async Task<MediaResult> ProcessAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        if (bytes.Length > limits.MaxMediaBytes)
        {
            return MediaResult.Rejected($"image is {bytes.Length} bytes, over the size limit of {limits.MaxMediaBytes} bytes");
        }

        switch (ImageFormats.Sniff(bytes.Span))
        {
            case null:
                return MediaResult.Rejected("its bytes are not a PNG, JPEG, GIF, WebP, AVIF or SVG image, whatever its name says");
            case ImageFormat.Avif:
                return MediaResult.Rejected("AVIF images are not read here (SkiaSharp reads PNG, JPEG, GIF and WebP): convert it to WebP or JPEG");
            case ImageFormat.Svg:
                var (width, height, problem) = SvgImage.Measure(bytes);
                return problem is null
                    ? new MediaResult(new ProcessedImage(ImageFormat.Svg, bytes.ToArray(), width, height, 1, []), null)
                    : MediaResult.Rejected(problem);
            case { } format:
                await decodes.WaitAsync(cancellationToken);
                try
                {
                    return Raster(bytes, format, limits);
                }
                finally
                {
                    decodes.Release();
                }
        }
    }

    private static MediaResult Raster(ReadOnlyMemory<byte> bytes, ImageFormat format, MediaOptions limits)
    {
        using var data = SKData.CreateCopy(bytes.Span);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return MediaResult.Rejected($"it starts as a {format.ContentType()} image but its header cannot be read");
        }

        var frames = Math.Max(1, codec.FrameCount);
        var pixels = (long)codec.Info.Width * codec.Info.Height * frames;
        if (pixels > limits.MaxMediaPixels)
        {
            return MediaResult.Rejected(
                $"image is {codec.Info.Width} × {codec.Info.Height} pixels{(frames > 1 ? $" × {frames} frames" : string.Empty)}, over the limit of {limits.MaxMediaPixels:N0} pixels");
        }

        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(info);
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result != SKCodecResult.Success)
        {
            return MediaResult.Rejected(result == SKCodecResult.IncompleteInput
                ? "the image is truncated: its data ends before its last pixel"
                : $"the image cannot be decoded ({result})");
        }

        using var turned = Orientation.Turned(decoded, codec.EncodedOrigin);
        var oriented = turned ?? decoded;
        var served = limits.KeepImageMetadata || format == ImageFormat.Gif
            ? bytes.ToArray() // GIF holds no EXIF; re-encoding would lose its frames.
            : Encode(oriented, format);
        if (served is null)
        {
            return MediaResult.Rejected("the image could not be encoded again without its metadata");
        }

        var variants = new List<ImageVariantBytes>();
        if (frames == 1)
        {
            foreach (var width in VariantWidths.Where(w => w < oriented.Width))
            {
                var height = Math.Max(1, (int)Math.Round((double)oriented.Height * width / oriented.Width));
                using var resized = oriented.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell));
                if (resized is not null && Encode(resized, ImageFormat.Webp) is { } webp)
                {
                    variants.Add(new ImageVariantBytes(width, height, webp));
                }
            }
        }

        return new MediaResult(new ProcessedImage(format, served, oriented.Width, oriented.Height, frames, variants), null);
    }

    private static byte[]? Encode(SKBitmap bitmap, ImageFormat format)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var encoded = format switch
        {
            ImageFormat.Jpeg => image.Encode(SKEncodedImageFormat.Jpeg, JpegQuality),
            ImageFormat.Png => image.Encode(SKEncodedImageFormat.Png, 100),
            _ => image.Encode(SKEncodedImageFormat.Webp, WebpQuality),
        };
        return encoded?.ToArray();
    }
}
