using System.Runtime.CompilerServices;
using Archive.Core.Stored;
using Archive.Storage.Tables;
using Archive.Storage.Totals;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace Archive.Storage;

/// <summary>The storage Archive uses: the posts container, the content container and the index table.</summary>
public sealed class ArchiveStore(BlobServiceClient blobs, TableServiceClient tables, IOptions<StorageOptions> options)
{
    public BlobContainerClient Posts { get; } = blobs.GetBlobContainerClient(options.Value.PostsContainer);
    public BlobContainerClient Content { get; } = blobs.GetBlobContainerClient(options.Value.ContentContainer);
    public TableClient Table { get; } = tables.GetTableClient(options.Value.Table);

    /// <summary>A blob of the posts container, by its name exactly as stored; a name its URL would rewrite is refused, never read as another blob (<see cref="Names.BlobNames"/>).</summary>
    public BlobClient PostBlob(string name) =>
        Names.BlobNames.Problem(name) is { } problem
            ? throw new ArgumentException($"'{Names.BlobNames.Printable(name)}' is not used: {problem}", nameof(name))
            : Posts.GetBlobClient(name);

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await Posts.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Content.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Table.CreateIfNotExistsAsync(cancellationToken);
        if ((await ReadVersionAsync(cancellationToken)).ETag == default)
        {
            // Read before adding: a writer that commits in between creates the row first (an incomplete one, which the recompute completes), so this add is refused.
            var heads = (await ReadTotalsAsync(cancellationToken)).Heads;
            try
            {
                await Table.AddEntityAsync(ArchiveVersion.WholeOf(heads), cancellationToken);
            }
            catch (RequestFailedException error) when (error.Status == 409)
            {
            }
        }
    }

    public async Task<T?> FindAsync<T>(string rowKey, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        var response = await Table.GetEntityIfExistsAsync<T>(RowKeys.Partition, rowKey, cancellationToken: cancellationToken);
        if (!response.HasValue && response.GetRawResponse() is { } raw && raw.Headers.TryGetValue("x-ms-error-code", out var code) && code == "TableNotFound")
        {
            // "If exists" answers a missing table as a missing entity; it is storage not set up, not an absent row.
            throw new RequestFailedException(raw.Status, "The archive's table does not exist.", code, null);
        }

        return response.HasValue ? response.Value : null;
    }

    /// <summary>Every entity whose row key starts with <paramref name="prefix"/> (and that meets <paramref name="andFilter"/>, an OData filter), page by page as the service returns them.</summary>
    public AsyncPageable<T> QueryPrefix<T>(string prefix, int? pageSize, IEnumerable<string>? select, CancellationToken cancellationToken, string? andFilter = null)
        where T : class, ITableEntity, new()
    {
        var end = RowKeys.PrefixEnd(prefix);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {RowKeys.Partition} and RowKey ge {prefix} and RowKey lt {end}");
        return Table.QueryAsync<T>(andFilter is null ? filter : $"{filter} and ({andFilter})", pageSize, select, cancellationToken);
    }

    /// <summary>All totals (every shard's rows) in one request, while they are at most 1,000 entities (docs/storage.md).</summary>
    public async Task<TotalsSnapshot> ReadTotalsAsync(CancellationToken cancellationToken)
    {
        var rows = new List<TotalsEntity>();
        await foreach (var entity in QueryPrefix<TotalsEntity>(RowKeys.TotalsPrefix, null, null, cancellationToken))
        {
            rows.Add(entity);
        }

        return new TotalsSnapshot(ShardTotals.Group(rows), [.. rows.Where(r => RowKeys.ShardOf(r.RowKey) is null)]);
    }

    /// <summary>The version row (one point read of one small entity, whatever the archive's size).</summary>
    public async Task<ArchiveVersion> ReadVersionAsync(CancellationToken cancellationToken) =>
        ArchiveVersion.From(await FindAsync<TableEntity>(RowKeys.Version, cancellationToken));

    /// <summary>
    /// Every shard's head: from the version row when it is complete (one entity), else from the
    /// totals (what an archive written before the row existed has until its next recompute).
    /// </summary>
    public async Task<ArchiveVersion> ReadHeadsAsync(CancellationToken cancellationToken)
    {
        var version = await ReadVersionAsync(cancellationToken);
        return version.Complete ? version : ArchiveVersion.Of((await ReadTotalsAsync(cancellationToken)).Heads);
    }

    /// <summary>One shard's rows, with their ETags, in one request: what an ingest reads (again, when it lost a race).</summary>
    public async Task<ShardTotals> ReadShardAsync(int shard, CancellationToken cancellationToken)
    {
        var rows = new List<TotalsEntity>();
        await foreach (var entity in QueryPrefix<TotalsEntity>(RowKeys.ShardPrefix(shard), null, null, cancellationToken))
        {
            rows.Add(entity);
        }

        return ShardTotals.Group(rows).GetValueOrDefault(shard) ?? ShardTotals.Empty(shard);
    }

    /// <summary>
    /// Every served post (drafts left out), as one query over the post entities that reads only
    /// what lists and totals need: one request per 1,000 posts.
    /// </summary>
    public async IAsyncEnumerable<IndexedPost> ReadServedPostsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string[] fields = [nameof(PostEntity.RowKey), nameof(PostEntity.SummaryJson), nameof(PostEntity.DateTicks), nameof(PostEntity.Draft), nameof(PostEntity.IngestedAt),
            nameof(PostEntity.Blob), nameof(PostEntity.ContentHash), nameof(PostEntity.ContentBlob)];
        await foreach (var post in QueryPrefix<PostEntity>(RowKeys.PostPrefix, TableLimits.QueryPageSize, fields, cancellationToken))
        {
            if (!post.Draft)
            {
                yield return ToIndexedPost(post);
            }
        }
    }

    public static IndexedPost ToIndexedPost(PostEntity post) =>
        new(post.RowKey, Summary(post.SummaryJson, post.IngestedAt), post.DateTicks) { Blob = post.Blob, ContentHash = post.ContentHash, ContentBlob = post.ContentBlob };

    /// <summary>A served post as the change log's upsert carries it (the same summary, ingest time inside it).</summary>
    public static IndexedPost ToIndexedPost(ChangeEntity upsert) =>
        new(RowKeys.PostPrefix + upsert.RowKey[(upsert.RowKey.LastIndexOf('|') + 1)..], Summary(upsert.SummaryJson!, upsert.At), upsert.DateTicks)
        {
            Blob = upsert.Blob ?? string.Empty,
            ContentHash = upsert.ContentHash ?? string.Empty,
            ContentBlob = upsert.ContentBlob ?? string.Empty,
        };

    /// <summary>A stored summary; one stored before summaries carried <c>updatedAt</c> gets the post's ingest time.</summary>
    public static StoredSummary Summary(string summaryJson, DateTimeOffset ingestedAt)
    {
        var summary = System.Text.Json.JsonSerializer.Deserialize<StoredSummary>(summaryJson, ArchiveJson.Options)!;
        return summary.UpdatedAt == default ? summary with { UpdatedAt = ingestedAt } : summary;
    }
}
