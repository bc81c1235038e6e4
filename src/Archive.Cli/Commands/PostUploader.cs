using System.Security.Cryptography;
using Archive.Core.Parsing;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Archive.Cli.Commands;

/// <summary>Uploads posts and their images (§11) to the posts container, skipping files whose bytes the container already holds (by MD5).</summary>
public sealed class PostUploader(BlobContainerClient container)
{
    public const string Uploaded = "uploaded";
    public const string Unchanged = "unchanged";
    public const string Failed = "failed";

    public sealed record Item(string Path, string BlobName);

    /// <summary>What happened to a file: <see cref="Uploaded"/>, <see cref="Unchanged"/> or <see cref="Failed"/>, and the hash of its content (what the API reports on).</summary>
    public sealed record Outcome(Item Item, string Result, string? Error = null, string? Hash = null);

    /// <summary>
    /// The markdown files named, with their blob names: a folder's files keep their paths relative
    /// to that folder; a single file its path relative to the current folder when it lies under it,
    /// else its file name; <paramref name="name"/> names a single file outright.
    /// </summary>
    public static List<Item> Collect(IEnumerable<string> paths, out List<string> problems, string? name = null) =>
        Collect(paths, out problems, out _, name);

    /// <summary>As <see cref="Collect(IEnumerable{string}, out List{string}, string?)"/>, also naming the files of folders that are not markdown (left out).</summary>
    public static List<Item> Collect(IEnumerable<string> paths, out List<string> problems, out List<string> ignored, string? name = null)
    {
        problems = [];
        ignored = [];
        var items = new List<Item>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    if (MediaBlobName.IsContent(file))
                    {
                        items.Add(new Item(file, Path.GetRelativePath(path, file).Replace(Path.DirectorySeparatorChar, '/')));
                    }
                    else
                    {
                        ignored.Add(file);
                    }
                }
            }
            else if (File.Exists(path))
            {
                if (MediaBlobName.IsContent(path))
                {
                    items.Add(new Item(path, name ?? FileBlobName(path)));
                }
                else
                {
                    problems.Add($"{path}: {PostBlobName.NotMarkdown}");
                }
            }
            else
            {
                problems.Add($"{path}: no such file or folder");
            }
        }

        if (name is not null && items.Count != 1)
        {
            problems.Add($"--name names one file; {items.Count} were given");
            items.Clear();
        }

        // A name no URL keeps would be stored as another blob (§1): refused here, before any upload.
        foreach (var (item, problem) in items.Select(i => (i, Storage.Names.BlobNames.Problem(i.BlobName))).Where(p => p.Item2 is not null).ToList())
        {
            problems.Add($"{Storage.Names.BlobNames.Printable(item.Path)}: {problem}");
            items.Remove(item);
        }

        return items;
    }

    /// <summary>A single file's blob name: its path below the current folder, else its file name.</summary>
    public static string FileBlobName(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.GetFullPath(path));
        var outside = relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative);
        return outside ? Path.GetFileName(path) : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    public async Task<Dictionary<string, string?>> ExistingAsync(CancellationToken cancellationToken)
    {
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var existing = new Dictionary<string, string?>(StringComparer.Ordinal);
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            existing[blob.Name] = blob.Properties.ContentHash is { Length: > 0 } md5 ? Convert.ToBase64String(md5) : null;
        }

        return existing;
    }

    /// <summary>The file's bytes are not what the container holds under its name (by MD5).</summary>
    public static bool NeedsUpload(Item item, IReadOnlyDictionary<string, string?> existing) =>
        !existing.TryGetValue(item.BlobName, out var current) || current != Convert.ToBase64String(Md5(File.ReadAllBytes(item.Path)));

    // Content-MD5 is what Blob Storage records and lists; it is a change check, not security.
#pragma warning disable CA5351
    private static byte[] Md5(byte[] bytes) => MD5.HashData(bytes);
#pragma warning restore CA5351

    /// <summary>The type a blob is stored with (what the API serves is read from the bytes, never from this).</summary>
    private static string ContentTypeOf(string blobName) => Path.GetExtension(blobName).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        ".avif" => "image/avif",
        ".svg" => "image/svg+xml",
        _ => "text/markdown; charset=utf-8",
    };

    public async Task<Outcome> UploadAsync(Item item, IReadOnlyDictionary<string, string?> existing, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(item.Path, cancellationToken);
        }
        catch (IOException error)
        {
            return new Outcome(item, Failed, error.Message);
        }

        var hash = ContentHash.Of(bytes);

        var md5 = Md5(bytes);
        if (existing.TryGetValue(item.BlobName, out var current) && current == Convert.ToBase64String(md5))
        {
            return new Outcome(item, Unchanged, Hash: hash);
        }

        await container.GetBlobClient(item.BlobName).UploadAsync(BinaryData.FromBytes(bytes), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentHash = md5, ContentType = ContentTypeOf(item.BlobName) },
        }, cancellationToken);
        return new Outcome(item, Uploaded, Hash: hash);
    }
}
