using System.ComponentModel.DataAnnotations;

namespace Archive.Media;

/// <summary>How images are read and served (section "Archive" of the configuration, §11).</summary>
public sealed class MediaOptions
{
    /// <summary>Images larger than this are rejected unread.</summary>
    [Range(1, 256 * 1024 * 1024)]
    public int MaxMediaBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Pixels of all frames together, read from the header before anything is decoded.</summary>
    [Range(1, 200_000_000)]
    public long MaxMediaPixels { get; set; } = 40_000_000;

    /// <summary>Serve images as uploaded, EXIF and GPS included; by default their metadata is removed.</summary>
    public bool KeepImageMetadata { get; set; }

    /// <summary>Images decoded at once by one process: each may take 4 bytes per pixel of the limit (160 MB at 40 megapixels).</summary>
    [Range(1, 64)]
    public int MediaDecodeParallelism { get; set; } = 2;
}
