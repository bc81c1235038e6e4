using System.Globalization;
using System.Text;
using System.Xml;

namespace Archive.Media;

/// <summary>
/// SVG is served as uploaded but never where it can run script (§11): as an <c>&lt;img&gt;</c>
/// (browsers run no script there) and, opened on its own, under <c>Content-Security-Policy:
/// sandbox</c>. Here it is only read for its size, with DTDs (and so entity expansion) refused.
/// </summary>
internal static class SvgImage
{
    private const int DefaultWidth = 300;
    private const int DefaultHeight = 150;
    private const int MaxSide = 16_384;

    public static bool LooksLikeSvg(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 1024)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return head.StartsWith('<') && head.Contains("<svg", StringComparison.Ordinal);
    }

    /// <summary>The size its root element declares (width and height, else its viewBox, else 300 × 150), or the reason it is no SVG image.</summary>
    public static (int Width, int Height, string? Problem) Measure(ReadOnlyMemory<byte> bytes)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = bytes.Length + 16L,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            using var stream = new MemoryStream(bytes.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, settings);
            reader.MoveToContent();
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "svg")
            {
                return (0, 0, "it is XML, but its root element is not <svg>");
            }

            var width = Length(reader.GetAttribute("width"));
            var height = Length(reader.GetAttribute("height"));
            var box = ViewBox(reader.GetAttribute("viewBox"));
            if ((width is null || height is null) && box is { } viewBox)
            {
                width ??= height is { } h ? h * viewBox.Width / viewBox.Height : viewBox.Width;
                height ??= width * viewBox.Height / viewBox.Width;
            }

            return (Side(width, DefaultWidth), Side(height, DefaultHeight), null);
        }
        catch (XmlException error)
        {
            return (0, 0, $"it is not well-formed SVG ({error.Message})");
        }
    }

    private static int Side(double? value, int fallback) =>
        value is { } v && v >= 1 ? (int)Math.Min(Math.Round(v), MaxSide) : fallback;

    private static double? Length(string? value)
    {
        value = value?.Trim();
        if (string.IsNullOrEmpty(value) || value.EndsWith('%'))
        {
            return null;
        }

        if (value.EndsWith("px", StringComparison.OrdinalIgnoreCase))
        {
            value = value[..^2];
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) && number > 0 ? number : null;
    }

    private static (double Width, double Height)? ViewBox(string? value)
    {
        var parts = value?.Split([' ', ',', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        return parts is { Length: 4 }
            && double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var w)
            && double.TryParse(parts[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var h)
            && double.IsFinite(w) && double.IsFinite(h) && w > 0 && h > 0
            ? (w, h)
            : null;
    }
}
