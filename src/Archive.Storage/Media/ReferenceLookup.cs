using System.Collections.Concurrent;
using Archive.Core.Markdown;
using Archive.Core.Model;
using Archive.Storage.Tables;

namespace Archive.Storage.Media;

/// <summary>
/// What each blob a post references is now (§11): a served image, a served post, or missing (and
/// why). One point read per blob, two for a post (its record, then the post it gave).
/// </summary>
public sealed class ReferenceLookup(ArchiveStore store)
{
    private const int Parallelism = TableLimits.IngestParallelism;

    public async Task<IReadOnlyDictionary<string, ResolvedReference>> ResolveAsync(IReadOnlyList<BlobReference> references, CancellationToken cancellationToken)
    {
        var resolved = new ConcurrentDictionary<string, ResolvedReference>(StringComparer.Ordinal);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(references.Select(r => r.Blob).Distinct(StringComparer.Ordinal), options, async (blob, ct) =>
            resolved[blob] = await ResolveAsync(blob, ct));
        return resolved;
    }

    private async Task<ResolvedReference> ResolveAsync(string blob, CancellationToken cancellationToken)
    {
        var record = await store.FindAsync<BlobEntity>(RowKeys.Blob(blob), cancellationToken);
        if (record is null)
        {
            return MissingReference.Absent;
        }

        if (MediaRecords.IsServed(record))
        {
            // A rejected new version leaves the last good one served (§1), images as posts.
            return new ResolvedImage(MediaRecords.Served(record));
        }

        if (record.PostKey is { } key && await store.FindAsync<PostEntity>(key, cancellationToken) is { } post && post.Blob == blob)
        {
            return post.Draft
                ? new MissingReference("is a draft")
                : new ResolvedPost(SiteOrigin.PostPath(post.Id, ArchiveStore.Summary(post.SummaryJson, post.IngestedAt).Slug));
        }

        return record.RejectedHash is not null ? new MissingReference("is rejected") : MissingReference.Absent;
    }
}
