using Archive.Storage.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Archive.Storage.Ingestion;

/// <summary>
/// Removes content blobs no post points to: what a commit that failed after its content was
/// uploaded leaves behind. Content is uploaded before its transaction commits, so only blobs older
/// than <see cref="IngestOptions.OrphanContentMinutes"/> are candidates: a young one may be about
/// to be committed. Runs with every full reconcile that recomputes the totals.
/// </summary>
public sealed class ContentSweeper(ArchiveStore store, TimeProvider time, IOptions<IngestOptions> options, ILogger<ContentSweeper> logger)
{
    /// <summary>Deletes the orphans; returns how many. One request per 1,000 posts and per 5,000 content blobs, plus one per orphan.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var post in store.QueryPrefix<PostEntity>(RowKeys.PostPrefix, TableLimits.QueryPageSize, [nameof(PostEntity.ContentBlob)], cancellationToken))
        {
            referenced.Add(post.ContentBlob);
        }

        var oldest = time.GetUtcNow() - TimeSpan.FromMinutes(options.Value.OrphanContentMinutes);
        var removed = 0;
        await foreach (var blob in store.Content.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            // Names starting with '~' are no post's (ids never hold it): the search snapshot.
            if (!referenced.Contains(blob.Name) && !blob.Name.StartsWith('~') && blob.Properties.LastModified is { } modified && modified <= oldest)
            {
                await store.Content.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
                removed++;
            }
        }

        if (removed > 0)
        {
            logger.LogInformation("Removed {Count} content blobs no post points to", removed);
        }

        return removed;
    }
}
