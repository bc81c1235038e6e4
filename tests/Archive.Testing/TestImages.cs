using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace Archive.Testing;

/// <summary>Images made on the spot (SkiaSharp), and hostile ones made byte by byte, for §11's tests and bench/.</summary>
public static class TestImages
{
    public static byte[] Png(int width, int height) => Encode(width, height, SKEncodedImageFormat.Png);

    public static byte[] Jpeg(int width, int height) => Encode(width, height, SKEncodedImageFormat.Jpeg);

    /// <summary>A JPEG that compresses as a photo does (gradients and grain, not flat colour): for sizes and timings.</summary>
    public static byte[] Photo(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        var random = new Random(7);
        var pixels = new uint[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var grain = random.Next(24);
                var r = (byte)(128 + (100 * Math.Sin(x / 97.0)) + grain - 12);
                var g = (byte)(128 + (90 * Math.Sin(y / 61.0 + x / 211.0)) + grain - 12);
                var b = (byte)(120 + (80 * Math.Cos((x + y) / 143.0)) + grain - 12);
                pixels[(y * width) + x] = 0xFF000000u | ((uint)b << 16) | ((uint)g << 8) | r;
            }
        }

        System.Runtime.InteropServices.MemoryMarshal.AsBytes(pixels.AsSpan()).CopyTo(bitmap.GetPixelSpan());
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }

    /// <summary>
    /// A JPEG whose EXIF says it was taken on its side (orientation 6: turn 90° clockwise to view)
    /// and holds a GPS-looking string that must not be served.
    /// </summary>
    public static byte[] JpegWithExif(int width, int height, ushort orientation = 6)
    {
        var jpeg = Jpeg(width, height);
        var tiff = new byte[8 + 2 + 12 + 4];
        "II*\0"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(8), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(10), 0x0112);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(12), 3);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(14), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(18), orientation);
        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).Concat(Encoding.ASCII.GetBytes(GpsMarker)).ToArray();
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>Text only the EXIF block of <see cref="JpegWithExif"/> holds.</summary>
    public const string GpsMarker = "GPS 51.5007N 0.1246W";

    /// <summary>A PNG header that claims <paramref name="width"/> × <paramref name="height"/> pixels, with one tiny IDAT: a pixel bomb of under 100 bytes.</summary>
    public static byte[] PixelBomb(int width = 100_000, int height = 100_000)
    {
        var png = Png(1, 1);
        // IHDR's width and height are the 8 bytes after the signature (8), the length (4) and the type (4); its CRC follows its 13 bytes.
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        var crc = Crc32(png.AsSpan(12, 17));
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), crc);
        return png;
    }

    /// <summary>The first half of a real image: its header promises pixels its data never brings.</summary>
    public static byte[] Truncated() => Png(800, 600) is var png ? png[..(png.Length / 2)] : [];

    /// <summary>A GIF that is also a script: valid GIF89a whose header bytes start a JavaScript statement.</summary>
    public static byte[] Polyglot()
    {
        var gif = Gif1x1();
        return [.. gif, .. "*/=1;alert(document.domain)//<script>alert(1)</script>"u8.ToArray()];
    }

    /// <summary>A GIF of <paramref name="frames"/> frames of 1 × 1: many frames, tiny bytes.</summary>
    public static byte[] AnimatedGif(int frames, int width = 64, int height = 64)
    {
        var bytes = new List<byte>();
        bytes.AddRange("GIF89a"u8.ToArray());
        bytes.AddRange(BitConverter.GetBytes((ushort)width));
        bytes.AddRange(BitConverter.GetBytes((ushort)height));
        bytes.AddRange([0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF]); // global table of 2 colours
        bytes.AddRange([0x21, 0xFF, 0x0B, .. "NETSCAPE2.0"u8.ToArray(), 3, 1, 0, 0, 0]);
        for (var i = 0; i < frames; i++)
        {
            bytes.AddRange([0x21, 0xF9, 4, 0, 1, 0, 0, 0]);
            bytes.AddRange([0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0]);
        }

        bytes.Add(0x3B);
        return [.. bytes];
    }

    /// <summary>An SVG that tries everything: a script, an onload handler, an external image.</summary>
    public const string HostileSvg =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"120\" height=\"80\" onload=\"alert(1)\">" +
        "<script>alert(document.cookie)</script><image href=\"https://evil.example/track.png\" width=\"10\" height=\"10\"/>" +
        "<rect width=\"120\" height=\"80\" fill=\"teal\"/></svg>";

    /// <summary>A JPEG with an APP segment of <paramref name="metadataBytes"/> before its image: a huge metadata block.</summary>
    public static byte[] HugeMetadata(int metadataBytes)
    {
        var jpeg = Jpeg(64, 64);
        var segments = new List<byte>();
        for (var left = metadataBytes; left > 0; left -= 65_000)
        {
            var size = Math.Min(left, 65_000);
            segments.AddRange([0xFF, 0xED, (byte)((size + 2) >> 8), (byte)(size + 2)]);
            segments.AddRange(new byte[size]);
        }

        return [.. jpeg[..2], .. segments, .. jpeg[2..]];
    }

    /// <summary>PNG's chunk checksum (ISO 3309 CRC-32), so that a forged header passes the decoder's check.</summary>
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }

    private static byte[] Gif1x1() =>
        [.. "GIF89a"u8.ToArray(), 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0, 0x3B];

    private static byte[] Encode(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SteelBlue);
            using var paint = new SKPaint { Color = SKColors.Gold };
            canvas.DrawRect(0, 0, width / 2f, height / 3f, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }
}
