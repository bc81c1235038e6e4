using System.Globalization;
using Archive.Core.Model;
using Archive.Media;
using Archive.Storage.Tables;

namespace Archive.Storage.Media;

/// <summary>Where an image's served copies are kept, and how its blob record names them.</summary>
public static class MediaRecords
{
    /// <summary>
    /// The copies live in the content container under the blob's name hash and their version,
    /// named by neither ids nor posts ('~' starts no post id), so the content sweeper leaves them.
    /// </summary>
    public static string Folder(string blobName, string version) => $"~media/{RowKeys.NameHash(blobName)[..32]}/{version}/";

    public static string ServedFile(string blobName, string version) => Folder(blobName, version) + "image";

    public static string VariantFile(string blobName, string version, int width) => Folder(blobName, version) + $"w{width.ToString(CultureInfo.InvariantCulture)}.webp";

    /// <summary>
    /// The version of what is served for these bytes: changes with the bytes, with how images are
    /// processed, and with whether metadata is kept, so a URL that carries it never changes meaning.
    /// </summary>
    public static string Version(string contentHash, bool keepMetadata) =>
        Core.Parsing.ContentHash.Of(System.Text.Encoding.UTF8.GetBytes($"{contentHash}|{ImageProcessor.Version}|{keepMetadata}"))[..20];

    public static bool IsServed(BlobEntity record) => record.MediaVersion is not null && record.MediaType is not null;

    /// <summary>The image as a post references it, from its record.</summary>
    public static ServedImage Served(BlobEntity record)
    {
        var version = record.MediaVersion!;
        return new ServedImage(
            record.Blob,
            ServedImage.UrlOf(record.Blob, version),
            record.MediaWidth,
            record.MediaHeight,
            record.MediaType!,
            record.MediaBytes,
            [.. Variants(record).Select(v => new ImageVariant(ServedImage.UrlOf(record.Blob, version, v.Width), v.Width))]);
    }

    public static IEnumerable<(int Width, int Height)> Variants(BlobEntity record) =>
        (record.MediaVariants ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v =>
        {
            var parts = v.Split('x');
            return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
        });

    public static string VariantsText(IEnumerable<ImageVariantBytes> variants) =>
        string.Join(',', variants.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Width}x{v.Height}")));
}
