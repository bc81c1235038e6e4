using System.Security.Cryptography;
using Archive.Core.Parsing;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Archive.Cli.Commands;

/// <summary>Uploads markdown files to the posts container, skipping files whose bytes the container already holds (by MD5).</summary>
public sealed class PostUploader(BlobContainerClient container)
{
    public sealed record Item(string Path, string BlobName);

    public sealed record Outcome(Item Item, string Result, string? Error = null);

    /// <summary>The markdown files named: a file as itself, a folder as every markdown file below it (blob names relative to it).</summary>
    public static List<Item> Collect(IEnumerable<string> paths, out List<string> problems)
    {
        problems = [];
        var items = new List<Item>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Where(PostBlobName.IsPost).Order(StringComparer.Ordinal))
                {
                    items.Add(new Item(file, Path.GetRelativePath(path, file).Replace(Path.DirectorySeparatorChar, '/')));
                }
            }
            else if (File.Exists(path))
            {
                if (PostBlobName.IsPost(path))
                {
                    items.Add(new Item(path, Path.GetFileName(path)));
                }
                else
                {
                    problems.Add($"{path}: not a markdown file (.md or .markdown)");
                }
            }
            else
            {
                problems.Add($"{path}: no such file or folder");
            }
        }

        return items;
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

    public async Task<Outcome> UploadAsync(Item item, IReadOnlyDictionary<string, string?> existing, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(item.Path, cancellationToken);
        }
        catch (IOException error)
        {
            return new Outcome(item, "failed", error.Message);
        }

        // Content-MD5 is what Blob Storage records and lists; it is a change check, not security.
#pragma warning disable CA5351
        var md5 = MD5.HashData(bytes);
#pragma warning restore CA5351
        if (existing.TryGetValue(item.BlobName, out var current) && current == Convert.ToBase64String(md5))
        {
            return new Outcome(item, "skipped");
        }

        await container.GetBlobClient(item.BlobName).UploadAsync(BinaryData.FromBytes(bytes), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentHash = md5, ContentType = "text/markdown; charset=utf-8" },
        }, cancellationToken);
        return new Outcome(item, "uploaded");
    }
}
