using System.Text.Json;
using Archive.Core.Contract;
using Archive.Core.Parsing;
using Archive.Storage.Tables;
using Archive.Storage.Totals;
using Azure;

namespace Archive.Storage.Reading;

/// <summary>
/// The read side: pages of a list, one post, totals, rejections. Lists are cut from a catalog of
/// every served post, loaded once per version of the archive (one request per 1,000 posts) and
/// shared by every reader of that version.
/// </summary>
public sealed class PostReader(ArchiveStore store)
{
    private readonly Lock gate = new();
    private (string Version, Task<PostCatalog> Load)? catalog;

    public Task<TotalsSnapshot> ReadTotalsAsync(CancellationToken cancellationToken) => store.ReadTotalsAsync(cancellationToken);

    /// <summary>One page of a list as of <paramref name="version"/> (the ETag of the totals just read).</summary>
    public async Task<PostPage> ListAsync(PostListQuery query, string afterKey, string version, CancellationToken cancellationToken)
    {
        var posts = await CatalogAsync(version).WaitAsync(cancellationToken);
        return posts.Page(query, afterKey);
    }

    /// <summary>A served post by id (any case); null when there is none, or it is a draft.</summary>
    public async Task<StoredPost?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!PostId.IsValid(id))
        {
            return null;
        }

        var post = await store.FindAsync<PostEntity>(RowKeys.Post(PostId.Key(id)), cancellationToken);
        if (post is null || post.Draft)
        {
            return null;
        }

        PostContent? content;
        try
        {
            var download = await store.Content.GetBlobClient(post.ContentBlob).DownloadContentAsync(cancellationToken);
            content = download.Value.Content.ToObjectFromJson<PostContent>(ArchiveJson.Options);
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            // Deleted between the two reads: the post is gone.
            return null;
        }

        var summary = JsonSerializer.Deserialize<PostSummary>(post.SummaryJson, ArchiveJson.Options)!;
        return new StoredPost(summary, content!, new PostSource(post.Blob, post.ContentHash, post.IngestedAt));
    }

    public async Task<IReadOnlyList<RejectionEntity>> RejectionsAsync(CancellationToken cancellationToken)
    {
        var rejections = new List<RejectionEntity>();
        await foreach (var rejection in store.QueryPrefix<RejectionEntity>(RowKeys.RejectionPrefix, 1000, null, cancellationToken))
        {
            rejections.Add(rejection);
        }

        return [.. rejections.OrderBy(r => r.Blob, StringComparer.Ordinal)];
    }

    private Task<PostCatalog> CatalogAsync(string version)
    {
        lock (gate)
        {
            if (catalog is { } loaded && loaded.Version == version && !loaded.Load.IsFaulted && !loaded.Load.IsCanceled)
            {
                return loaded.Load;
            }

            // Not tied to one caller's cancellation: every reader of this version shares the load.
            var load = LoadCatalogAsync();
            catalog = (version, load);
            return load;
        }
    }

    private async Task<PostCatalog> LoadCatalogAsync()
    {
        var posts = new List<IndexedPost>();
        await foreach (var post in store.ReadServedPostsAsync(CancellationToken.None))
        {
            posts.Add(post);
        }

        return new PostCatalog(posts);
    }
}
