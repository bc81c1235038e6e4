namespace Archive.Search.Sources;

/// <summary>Where the saved index is kept between instances (one file by name), so that a cold instance need not read every post.</summary>
public interface ISearchIndexStore
{
    /// <summary>Downloads the saved file <paramref name="name"/> to <paramref name="path"/>; false when there is none.</summary>
    Task<bool> DownloadAsync(string name, string path, CancellationToken cancellationToken);

    Task UploadAsync(string name, string path, CancellationToken cancellationToken);

    Task DeleteAsync(string name, CancellationToken cancellationToken);
}
