using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Archive.Storage.Names;

/// <summary>
/// A blob found by its exact name in a listing: the one request that reaches a blob whose name no
/// URL keeps (<see cref="BlobNames"/>), since a listing's prefix is a query value, never a path.
/// </summary>
public sealed record ListedBlob(ETag ETag, byte[]? ContentHash)
{
    /// <summary>The blob named exactly <paramref name="name"/>, or null when there is none. One request: the name sorts first among the names it prefixes.</summary>
    public static async Task<ListedBlob?> FindAsync(BlobContainerClient container, string name, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var page in container.GetBlobsAsync(BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, name, cancellationToken).AsPages(pageSizeHint: 1))
            {
                return page.Values.FirstOrDefault(b => b.Name == name) is { } blob ? new ListedBlob(blob.Properties.ETag ?? default, blob.Properties.ContentHash) : null;
            }
        }
        catch (System.Xml.XmlException)
        {
            // Azurite cannot list a name with a control character: a broken page for this prefix means it is there, its version unknown.
            return new ListedBlob(default, null);
        }

        return null;
    }
}
