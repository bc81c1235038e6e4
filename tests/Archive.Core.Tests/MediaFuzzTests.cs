using Archive.Media;
using CsCheck;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace Archive.Core.Tests;

/// <summary>
/// Real images of each format, their bytes flipped, cut and padded at random (§11): each must give
/// an image or a rejection with a reason, never an exception. The unit tier runs a short sample;
/// bench/fuzz.sh the long one (<c>ARCHIVE_FUZZ_ITERATIONS</c>).
/// </summary>
public sealed class MediaFuzzTests : IDisposable
{
    private static readonly int Iterations =
        int.TryParse(Environment.GetEnvironmentVariable("ARCHIVE_FUZZ_ITERATIONS"), out var asked) && asked > 0 ? asked : 40;

    private static readonly byte[][] Seeds =
    [
        Encode(SKEncodedImageFormat.Png), Encode(SKEncodedImageFormat.Jpeg), Encode(SKEncodedImageFormat.Webp),
        [.. "GIF89a"u8.ToArray(), 2, 0, 2, 0, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x2C, 0, 0, 0, 0, 2, 0, 2, 0, 0, 2, 2, 0x44, 0x01, 0, 0x3B],
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 40 20\"><rect width=\"4\" height=\"2\"/></svg>"u8.ToArray(),
    ];

    private readonly ImageProcessor processor = new(Options.Create(new MediaOptions { MaxMediaPixels = 4_000_000 }));

    public void Dispose() => processor.Dispose();

    [Fact]
    public void Damaged_images_are_served_or_rejected_never_thrown()
    {
        var mutations = Gen.Select(Gen.Int[0, Seeds.Length - 1], Gen.Int[0, 3], Gen.Int.Array[1, 12], (seed, kind, positions) => (seed, kind, positions));
        mutations.Sample(m =>
        {
            var bytes = Mutate(Seeds[m.seed], m.kind, m.positions);
            var result = processor.ProcessAsync(bytes, CancellationToken.None).GetAwaiter().GetResult();
            Assert.True(result.Image is not null ^ result.Rejection is not null, "an image or a reason, not both, not neither");
            if (result.Image is { } image)
            {
                Assert.InRange(image.Width, 1, 100_000);
                Assert.All(image.Variants, v => Assert.True(v.Width < image.Width));
            }
        }, iter: Iterations);
    }

    private static byte[] Mutate(byte[] seed, int kind, int[] positions)
    {
        var bytes = seed.ToArray();
        switch (kind)
        {
            case 0:
                foreach (var p in positions)
                {
                    bytes[(int)((uint)p % bytes.Length)] ^= (byte)(p >> 8 | 1);
                }

                return bytes;
            case 1:
                return bytes[..(int)((uint)positions[0] % bytes.Length)];
            case 2:
                return [.. bytes, .. positions.SelectMany(BitConverter.GetBytes)];
            default:
                // A header's width and height made huge: the limit must refuse it before decoding.
                foreach (var p in positions)
                {
                    bytes[Math.Min(bytes.Length - 1, 6 + (int)((uint)p % 24))] = 0xFF;
                }

                return bytes;
        }
    }

    private static byte[] Encode(SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(64, 48);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Teal);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 80);
        return data.ToArray();
    }
}
