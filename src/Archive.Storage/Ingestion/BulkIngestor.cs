using System.Collections.Concurrent;
using System.Threading.Channels;
using Archive.Core.Model;
using Archive.Core.Parsing;
using Archive.Storage.Tables;
using Archive.Storage.Totals;
using Azure;
using Microsoft.Extensions.Logging;

namespace Archive.Storage.Ingestion;

/// <summary>
/// The reconciler's path for many blobs at once (a whole archive uploaded, say): blobs are
/// downloaded and parsed in parallel, and posts new to the archive are committed in groups, with
/// one read of the totals and one transaction per group instead of per post. Everything else
/// (changed posts, rejections, deletions, duplicate ids) and any group that loses a race to another
/// writer goes through <see cref="Ingestor"/> one blob at a time, so those rules live once.
/// </summary>
public sealed class BulkIngestor(ArchiveStore store, IngestAttempts attempts, Ingestor ingestor, IndexWriter writer, LostRaces races, TimeProvider time, ILogger<BulkIngestor> logger)
{
    /// <summary>
    /// How many blobs the reconciler's quick path looks at one by one before it reconciles the
    /// whole container and commits new posts in groups.
    /// </summary>
    public const int GroupSize = 24;

    private const int GroupAttempts = 5;

    public async Task<IReadOnlyList<IngestResult>> IngestAsync(
        IReadOnlyList<string> blobNames, IReadOnlyDictionary<string, BlobEntity> records, CancellationToken cancellationToken)
    {
        var owned = records.Values.Select(r => r.PostKey).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var claimed = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var results = new ConcurrentBag<IngestResult>();
        var oneByOne = new ConcurrentBag<OneByOne>();
        var ready = Channel.CreateUnbounded<NewPost>(new UnboundedChannelOptions { SingleReader = true });
        var committing = CommitAsync(ready.Reader, results, oneByOne, cancellationToken);
        var options = new ParallelOptions { MaxDegreeOfParallelism = TableLimits.IngestParallelism, CancellationToken = cancellationToken };
        try
        {
            await Parallel.ForEachAsync(blobNames, options, async (name, ct) =>
            {
                var (done, post, later) = await BlobFailures.IsolateAsync(
                    name, logger, () => PrepareAsync(name, records.GetValueOrDefault(name), owned, claimed, ct), failed => (failed, null, null));
                if (post is not null)
                {
                    ready.Writer.TryWrite(post);
                }
                else if (later is not null)
                {
                    oneByOne.Add(later);
                }
                else
                {
                    results.Add(done!);
                }
            });
        }
        finally
        {
            ready.Writer.Complete();
            await committing;
        }

        await RenderDependentsOfAddedAsync(results, cancellationToken);

        // After the groups, so that a blob claiming an id another blob just took finds its owner.
        await Parallel.ForEachAsync(oneByOne, options, async (blob, ct) => results.Add(await BlobFailures.IsolateAsync(blob.Name, logger, async () =>
            blob switch
            {
                { Downloaded: { } downloaded, Marked: { } marked, Parsed: { } parsed } => await ingestor.FinishAsync(blob.Name, downloaded.Seen, marked, parsed, ct),
                { Downloaded: { } downloaded } => await ingestor.IngestAsync(blob.Name, downloaded, ct),
                _ => await ingestor.IngestBlobAsync(blob.Name, ct),
            })));
        return [.. results];
    }

    /// <summary>
    /// Posts that link to a post just added in a group (written before it, their link missing)
    /// rendered again: one query over every reference row, not one per post added.
    /// </summary>
    private async Task RenderDependentsOfAddedAsync(ConcurrentBag<IngestResult> results, CancellationToken cancellationToken)
    {
        var added = results.Where(r => r.Outcome == IngestOutcome.Added).Select(r => r.Blob).ToList();
        if (added.Count == 0)
        {
            return;
        }

        var targets = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in store.QueryPrefix<DependentEntity>(RowKeys.DependentPrefix, TableLimits.QueryPageSize, [nameof(DependentEntity.Target)], cancellationToken))
        {
            targets.Add(row.Target);
        }

        foreach (var blob in added.Where(targets.Contains))
        {
            await BlobFailures.IsolateAsync(blob, logger, async () =>
            {
                await ingestor.RenderDependentsAsync(blob, cancellationToken);
                return new IngestResult(blob, IngestOutcome.Unchanged);
            });
        }
    }

    /// <summary>
    /// A post new to the archive, ready to commit; a result when there is nothing to write; or the
    /// blob for the one-by-one path, with what was done for it already (downloaded, marked, parsed).
    /// </summary>
    private async Task<(IngestResult? Done, NewPost? Post, OneByOne? Later)> PrepareAsync(
        string blobName, BlobEntity? record, HashSet<string> owned, ConcurrentDictionary<string, string> claimed, CancellationToken cancellationToken)
    {
        if (!PostBlobName.IsPost(blobName) || !Names.BlobNames.IsUsable(blobName) || record?.PostKey is not null || await PostBlobs.DownloadAsync(store, blobName, cancellationToken) is not { } blob)
        {
            return (null, null, new OneByOne(blobName));
        }

        if (IngestEntities.IsUnchanged(record, blob.Seen))
        {
            return (new IngestResult(blobName, IngestOutcome.Unchanged, IngestEntities.PostIdOf(record!)), null, null);
        }

        if (IngestAttempts.IsQuarantined(record, blob.Seen.Hash) || await attempts.BeginAsync(blobName, record, blob.Seen.Hash, cancellationToken) is not { } marked)
        {
            return (null, null, new OneByOne(blobName, blob));
        }

        if (await attempts.ParseAsync(blobName, blob.Bytes, blob.LastModified, cancellationToken) is not { } parsed)
        {
            logger.LogError("Parsing {Blob} ran out of time; it is quarantined after {Times} such attempts", blobName, IngestAttempts.QuarantineAfter);
            return (new IngestResult(blobName, IngestOutcome.Failed, Reason: attempts.TimedOutReason), null, null);
        }

        var later = new OneByOne(blobName, blob, marked, parsed);
        if (parsed.Outcome != ParseOutcome.Accepted)
        {
            return (null, null, later);
        }

        var post = parsed.Post!;
        var postKey = RowKeys.Post(PostId.Key(post.Id));
        if (owned.Contains(postKey) || !claimed.TryAdd(postKey, blobName))
        {
            return (null, null, later);
        }

        var contentBlob = await ingestor.UploadContentAsync(postKey, post, cancellationToken);
        var entity = IngestEntities.ToEntity(postKey, post, contentBlob, time.GetUtcNow());
        return (null, new NewPost(blobName, post, entity, marked, blob.Seen), null);
    }

    /// <summary>
    /// One writer, so groups never race each other for the totals. A group is committed when the
    /// next post would take its transaction past 100 entities, or at the end.
    /// </summary>
    private async Task CommitAsync(ChannelReader<NewPost> ready, ConcurrentBag<IngestResult> results, ConcurrentBag<OneByOne> oneByOne, CancellationToken cancellationToken)
    {
        var group = new PostGroup();
        while (await ready.WaitToReadAsync(cancellationToken))
        {
            while (ready.TryRead(out var post))
            {
                if (!group.Fits(post))
                {
                    await CommitGroupAsync(group.Posts, results, oneByOne, cancellationToken);
                    group = new PostGroup();
                }

                group.Add(post);
            }
        }

        if (group.Posts.Count > 0)
        {
            await CommitGroupAsync(group.Posts, results, oneByOne, cancellationToken);
        }
    }

    private async Task CommitGroupAsync(List<NewPost> group, ConcurrentBag<IngestResult> results, ConcurrentBag<OneByOne> oneByOne, CancellationToken cancellationToken)
    {
        if (!await TryCommitAsync(group, cancellationToken))
        {
            foreach (var post in group)
            {
                // Another writer moved something: read the blob again too.
                oneByOne.Add(new OneByOne(post.Blob));
            }

            return;
        }

        foreach (var post in group)
        {
            logger.LogInformation("Ingested {Blob} as post {PostId} ({Outcome})", post.Blob, post.Id, IngestOutcome.Added);
            results.Add(new IngestResult(post.Blob, IngestOutcome.Added, post.Id));
        }

    }

    /// <summary>A group whose transaction lost only on the totals is planned again with the totals read again, a few times.</summary>
    private Task<bool> TryCommitAsync(List<NewPost> group, CancellationToken cancellationToken) =>
        races.RunAsync("bulk", "a group of new posts", async attempt =>
        {
            TableTransaction transaction;
            try
            {
                transaction = await writer.PlanAsync([], [.. group.Select(p => p.Entity)], time.GetUtcNow(), cancellationToken);
            }
            catch (UnstorableException)
            {
                // One of them does not fit the totals: one by one, the one that does not fit is rejected alone.
                return false;
            }

            foreach (var post in group)
            {
                IngestEntities.ForgetRejection(transaction, post.Blob, post.Record);
                transaction.Put(IngestEntities.Record(post.Record, post.Blob, post.Entity.RowKey, post.Seen, post.Post));
            }

            try
            {
                await attempt.SubmitAsync(transaction, store.Table, cancellationToken);
                return true;
            }
            catch (LostRaceException lost) when (!lost.OnlyTotalsMoved)
            {
                // Another writer moved a record or took an id: each blob again on its own.
                logger.LogDebug("A group of {Count} lost a race; ingesting them one by one", group.Count);
                return false;
            }
        }, cancellationToken, attempts: GroupAttempts, gaveUp: () => false);

    private sealed record OneByOne(string Name, DownloadedBlob? Downloaded = null, BlobEntity? Marked = null, ParseResult? Parsed = null);

    private sealed record NewPost(string Blob, Post Post, PostEntity Entity, BlobEntity? Record, BlobVersion Seen)
    {
        public string Id => Post.Id;

        public int Shard { get; } = TotalsShards.Of(Entity.RowKey);

        public string Theme { get; } = ArchiveStore.ToIndexedPost(Entity).Summary.Theme.Slug;
    }

    /// <summary>
    /// Posts for one transaction, counted as the service counts them (at most 100 entities): per post
    /// its entity, its change log entry, its blob record and perhaps a rejection's removal; per shard
    /// its all-posts row; per shard and theme a theme row.
    /// </summary>
    private sealed class PostGroup
    {
        private const int MaxEntities = TableLimits.PlannedPerTransaction;
        private readonly HashSet<(int Shard, string Theme)> rows = [];
        private int entities;

        public List<NewPost> Posts { get; } = [];

        public bool Fits(NewPost post) => entities + Cost(post) <= MaxEntities;

        public void Add(NewPost post)
        {
            entities += Cost(post);
            rows.Add((post.Shard, RowKeys.AllScope));
            if (!post.Entity.Draft)
            {
                rows.Add((post.Shard, post.Theme));
            }

            Posts.Add(post);
        }

        private int Cost(NewPost post) =>
            3 + (post.Record?.RejectedHash is null ? 0 : 1)
            + (rows.Contains((post.Shard, RowKeys.AllScope)) ? 0 : 1)
            + (post.Entity.Draft || rows.Contains((post.Shard, post.Theme)) ? 0 : 1);
    }
}
