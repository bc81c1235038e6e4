using Archive.Storage.Reading;
using Archive.Storage.Totals;

namespace Archive.Search.Sources;

/// <summary>Posts' texts from their content blobs, read once for indexing (not kept in the reader's cache: the index keeps them).</summary>
public sealed class StoredPostTexts(PostReader reader) : IPostTexts
{
    public async Task<string?> TextAsync(IndexedPost post, CancellationToken cancellationToken) =>
        (await reader.DownloadContentAsync(post.ContentBlob, cancellationToken))?.Text;
}
