using Archive.Storage;
using Azure;

namespace Archive.Search.Sources;

/// <summary>The saved index as a blob of the content container, beside the posts' content.</summary>
public sealed class ContentContainerIndexStore(ArchiveStore store) : ISearchIndexStore
{
    public async Task<bool> DownloadAsync(string name, string path, CancellationToken cancellationToken)
    {
        try
        {
            await store.Content.GetBlobClient(name).DownloadToAsync(path, cancellationToken);
            return true;
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            return false;
        }
    }

    public async Task UploadAsync(string name, string path, CancellationToken cancellationToken) =>
        await store.Content.GetBlobClient(name).UploadAsync(path, overwrite: true, cancellationToken);

    public async Task DeleteAsync(string name, CancellationToken cancellationToken) =>
        await store.Content.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: cancellationToken);
}
