using System.IO.Compression;
using System.Text.Json;
using Archive.Search.Sources;
using Microsoft.Extensions.Logging;

namespace Archive.Search;

/// <summary>
/// The search index as an instance last committed it, saved in one blob beside the content: a zip
/// of the Lucene commit's files and the version of every post it holds. A cold instance opens it
/// instead of reading and indexing every post; it then re-indexes only the posts whose version
/// moved since and drops the ones gone, so a stale snapshot costs reads, never a wrong answer. Any
/// instance may write it (the last write wins: every snapshot is right for the versions it names).
/// </summary>
public sealed class SearchSnapshot(ISearchIndexStore store, ILogger<SearchSnapshot> logger)
{
    /// <summary>
    /// Post ids never hold '~', so no post's content is ever named so (and the content sweeper leaves it).
    /// The number is the index's document layout: a layout that changes takes a new name.
    /// </summary>
    public const string BlobName = "~search/index-2.zip";

    /// <summary>Saved copies of earlier layouts, which no instance of this version opens: removed when a new copy is saved.</summary>
    private static readonly string[] Retired = ["~search/index-1.zip"];

    private const string VersionsEntry = "versions.json";

    /// <summary>
    /// Restores the saved index into <paramref name="folder"/> (empty) and returns the versions of the
    /// posts it holds; null, with the folder left empty, when there is none or it cannot be read.
    /// </summary>
    public async Task<Dictionary<string, string>?> RestoreAsync(string folder, CancellationToken cancellationToken)
    {
        var zip = Path.Combine(folder, ".snapshot.zip");
        try
        {
            if (!await store.DownloadAsync(BlobName, zip, cancellationToken))
            {
                return null;
            }

            Dictionary<string, string>? versions = null;
            using (var archive = ZipFile.OpenRead(zip))
            {
                foreach (var entry in archive.Entries)
                {
                    if (entry.FullName == VersionsEntry)
                    {
                        await using var json = entry.Open();
                        versions = await JsonSerializer.DeserializeAsync<Dictionary<string, string>>(json, cancellationToken: cancellationToken);
                    }
                    else if (IsIndexFileName(entry.FullName))
                    {
                        entry.ExtractToFile(Path.Combine(folder, entry.FullName));
                    }
                    else
                    {
                        throw new InvalidDataException($"unexpected entry '{entry.FullName}'");
                    }
                }
            }

            return versions ?? throw new InvalidDataException($"no {VersionsEntry}");
        }
        catch (Exception error) when (error is IOException or InvalidDataException or JsonException)
        {
            logger.LogWarning(error, "The saved search index could not be read; the index is built from the posts' content");
            Empty(folder);
            return null;
        }
        finally
        {
            File.Delete(zip);
        }
    }

    /// <summary>Saves <paramref name="files"/> (a Lucene commit's, opened by the caller) and the versions of the posts they hold.</summary>
    public async Task WriteAsync(IReadOnlyList<(string Name, Stream Content)> files, IReadOnlyDictionary<string, string> versions, CancellationToken cancellationToken)
    {
        var zip = Path.Combine(Path.GetTempPath(), $"archive-search-{Guid.NewGuid():N}.zip");
        try
        {
            using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
            {
                foreach (var (name, content) in files)
                {
                    // Lucene's files are compact already; stored fields are compressed.
                    await using var entry = archive.CreateEntry(name, CompressionLevel.Fastest).Open();
                    await content.CopyToAsync(entry, cancellationToken);
                }

                await using var json = archive.CreateEntry(VersionsEntry, CompressionLevel.Fastest).Open();
                await JsonSerializer.SerializeAsync(json, versions, cancellationToken: cancellationToken);
            }

            await store.UploadAsync(BlobName, zip, cancellationToken);
            foreach (var name in Retired)
            {
                await store.DeleteAsync(name, cancellationToken);
            }
        }
        finally
        {
            File.Delete(zip);
        }
    }

    /// <summary>A plain file name (Lucene's are like <c>_0.cfs</c>, <c>segments_1</c>): nothing that could climb out of the folder.</summary>
    private static bool IsIndexFileName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-') && name != "." && name != "..";

    public static void Empty(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            File.Delete(file);
        }
    }
}
