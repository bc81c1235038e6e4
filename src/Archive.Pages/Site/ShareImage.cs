using SkiaSharp;

namespace Archive.Pages.Site;

/// <summary>
/// The default share image (§12): 1200 × 630, the site's title on the reader's colours, as PNG; and
/// the 32 × 32 icon browsers ask for at /favicon.ico. Made once per process. The font travels in the
/// assembly (DejaVu Sans Bold; its licence beside it in Fonts/): the Skia build used here reads no
/// system fonts, and a Function App's image has none to promise.
/// </summary>
public static class ShareImage
{
    public const int Width = 1200;
    public const int Height = 630;

    private static readonly SKColor Background = SKColor.Parse("#8a3b12");
    private static readonly SKColor Text = SKColor.Parse("#fdfcfa");

    public static byte[] Make(string title)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height));
        var canvas = surface.Canvas;
        canvas.Clear(Background);
        using var typeface = LoadTypeface();
        using var paint = new SKPaint { Color = Text, IsAntialias = true };

        // The largest size at which the title fits in at most three lines of the image's width less its margins.
        const float margin = 80;
        var size = 96f;
        List<string> lines;
        using var font = new SKFont(typeface, size);
        while (true)
        {
            font.Size = size;
            lines = Wrap(title, font, Width - (2 * margin));
            if ((lines.Count <= 3 && lines.All(l => font.MeasureText(l) <= Width - (2 * margin))) || size <= 28)
            {
                break;
            }

            size -= 4;
        }

        var lineHeight = size * 1.2f;
        var top = ((Height - (lineHeight * lines.Count)) / 2) + size;
        foreach (var (line, i) in lines.Take(3).Select((l, i) => (l, i)))
        {
            canvas.DrawText(line, Width / 2f, top + (i * lineHeight), SKTextAlign.Center, font, paint);
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>A filled, rounded square in the accent colour: the tab's icon where a browser asks for /favicon.ico.</summary>
    public static byte[] Icon()
    {
        using var surface = SKSurface.Create(new SKImageInfo(32, 32));
        surface.Canvas.Clear(SKColors.Transparent);
        using var paint = new SKPaint { Color = Background, IsAntialias = true };
        surface.Canvas.DrawRoundRect(new SKRoundRect(new SKRect(0, 0, 32, 32), 6), paint);
        using var text = new SKPaint { Color = Text, IsAntialias = true };
        using var typeface = LoadTypeface();
        using var font = new SKFont(typeface, 22);
        surface.Canvas.DrawText("A", 16, 24, SKTextAlign.Center, font, text);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static SKTypeface LoadTypeface()
    {
        using var stream = typeof(ShareImage).Assembly.GetManifestResourceStream("DejaVuSans-Bold.ttf")!;
        return SKTypeface.FromStream(stream);
    }

    private static List<string> Wrap(string text, SKFont font, float width)
    {
        var lines = new List<string>();
        var line = string.Empty;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && font.MeasureText(candidate) > width)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = candidate;
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line);
        }

        return lines;
    }
}
