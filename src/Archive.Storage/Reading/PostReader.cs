using System.Text.Json;
using Archive.Core.Contract;
using Archive.Core.Parsing;
using Archive.Storage.Tables;
using Archive.Storage.Totals;
using Azure;
using Azure.Data.Tables;

namespace Archive.Storage.Reading;

/// <summary>The read side: pages of a list index, one post, totals, rejections.</summary>
public sealed class PostReader(ArchiveStore store)
{
    private static readonly string[] IndexFields = [nameof(IndexEntity.RowKey), nameof(IndexEntity.SummaryJson)];

    public Task<TotalsSnapshot> ReadTotalsAsync(CancellationToken cancellationToken) => store.ReadTotalsAsync(cancellationToken);

    /// <summary>One page, reading only the entries of that page (plus one, to know whether another follows).</summary>
    public async Task<PostPage> ListAsync(PostListQuery query, string afterRowKey, CancellationToken cancellationToken)
    {
        var prefix = RowKeys.IndexPrefix(query.Sort, query.Scope);
        var (low, high) = KeyRange(query, prefix);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {RowKeys.Partition} and RowKey ge {low} and RowKey lt {high}");
        if (afterRowKey.Length > 0)
        {
            filter += " and " + TableClient.CreateQueryFilter($"RowKey gt {afterRowKey}");
        }

        if (query.HasDateFilter && query.Sort is ListSort.Longest or ListSort.Shortest)
        {
            // These keys are not dates: the filter runs in the service over the scope's entries (docs/storage.md).
            filter += " and " + TableClient.CreateQueryFilter($"DateTicks ge {query.FromTicks ?? 0L} and DateTicks lt {query.ToTicks ?? long.MaxValue}");
        }

        var found = new List<IndexEntity>(query.Limit + 1);
        await foreach (var page in store.Table.QueryAsync<IndexEntity>(filter, query.Limit + 1, IndexFields, cancellationToken).AsPages())
        {
            found.AddRange(page.Values);
            if (found.Count > query.Limit)
            {
                break;
            }
        }

        var items = found.Take(query.Limit).Select(e => JsonSerializer.Deserialize<PostSummary>(e.SummaryJson, ArchiveJson.Options)!).ToList();
        var next = found.Count > query.Limit ? PageCursor.Issue(query.Fingerprint, found[query.Limit - 1].RowKey) : null;
        return new PostPage(items, next);
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

    private static (string Low, string High) KeyRange(PostListQuery query, string prefix)
    {
        if (!query.HasDateFilter || query.Sort is ListSort.Longest or ListSort.Shortest)
        {
            return (prefix, RowKeys.PrefixEnd(prefix));
        }

        var from = query.FromTicks ?? 0;
        var to = query.ToTicks ?? DateTime.MaxValue.Ticks;
        return query.Sort == ListSort.Newest
            ? (prefix + RowKeys.DescendingTicks(to - 1), prefix + RowKeys.DescendingTicks(from) + "}")
            : (prefix + RowKeys.AscendingTicks(from), prefix + RowKeys.AscendingTicks(to));
    }
}
