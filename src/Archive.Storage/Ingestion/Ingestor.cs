using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Archive.Core.Model;
using Archive.Core.Parsing;
using Archive.Core.Stored;
using Archive.Storage.Media;
using Archive.Storage.Names;
using Archive.Storage.Tables;
using Azure;
using Microsoft.Extensions.Logging;
using static Archive.Storage.Ingestion.IngestEntities;

namespace Archive.Storage.Ingestion;

/// <summary>
/// One blob into the archive: parse it, then write the post, its blob record and its shard's
/// totals in one transaction. Identical content writes nothing; a rejection is recorded and never
/// touches the last good version of the post. Storage failures are thrown, so a trigger retries.
/// </summary>
public sealed class Ingestor(
    ArchiveStore store, IngestAttempts attempts, IndexWriter writer, MediaIngestor media, Dependents dependents, IngestMetrics metrics, LostRaces races, TimeProvider time, ILogger<Ingestor> logger)
{
    /// <summary>How far a change renders posts again through posts that reference posts (a link's target changed, so its page URL did).</summary>
    private const int MaxRenderDepth = 4;

    private static readonly AsyncLocal<int> RenderDepth = new();

    private static readonly AsyncLocal<int> HandOverDepth = new();

    /// <summary>Rivals for one id looked at when it is handed over: bounds the work one deletion causes.</summary>
    private const int MaxRivals = 50;

    /// <summary>How far a hand-over goes on through rivals that give up an id of their own by taking this one.</summary>
    private const int MaxHandOverDepth = 4;

    /// <summary>The blob as it is now into the archive: ingested when it is there, removed when it is gone (whatever the event said). Measured as a single ingest.</summary>
    public Task<IngestResult> IngestAsync(string blobName, CancellationToken cancellationToken) =>
        MeasuredAsync(() => IngestBlobAsync(blobName, cancellationToken));

    /// <summary>As <see cref="IngestAsync(string, CancellationToken)"/>, for the reconciler, which measures what it did itself.</summary>
    /// <param name="force">Render again even when the bytes are those already served: a blob the post references changed.</param>
    internal async Task<IngestResult> IngestBlobAsync(string blobName, CancellationToken cancellationToken, bool force = false)
    {
        if (MediaBlobName.IsContent(blobName) && BlobNames.Problem(blobName) is { } problem)
        {
            return await RejectNameAsync(blobName, problem, cancellationToken);
        }

        if (MediaBlobName.IsMedia(blobName))
        {
            return await IngestImageAsync(blobName, cancellationToken);
        }

        if (!PostBlobName.IsPost(blobName))
        {
            logger.LogInformation("Ignored {Blob}: {Reason}", BlobNames.Printable(blobName), PostBlobName.NotMarkdown);
            return new IngestResult(blobName, IngestOutcome.Ignored, Reason: PostBlobName.NotMarkdown);
        }

        var result = await IngestAsync(blobName, await PostBlobs.DownloadAsync(store, blobName, cancellationToken), cancellationToken, force);
        if (!force && result.Outcome == IngestOutcome.Unchanged)
        {
            // A repeated or retried event: the ingest it repeats may have failed after its commit, before its dependents were rendered again.
            await RenderDependentsAsync(blobName, cancellationToken);
        }

        return result;
    }

    /// <summary>A blob whose name no URL keeps: rejected as it is listed, never downloaded (that would read another blob); gone, its record leaves.</summary>
    private async Task<IngestResult> RejectNameAsync(string blobName, string problem, CancellationToken cancellationToken)
    {
        if (await ListedBlob.FindAsync(store.Posts, blobName, cancellationToken) is not { } listed)
        {
            return await RemoveBlobAsync(blobName, cancellationToken);
        }

        var etag = listed.ETag.ToString();
        var seen = new BlobVersion("name|" + etag, etag, PostBlobs.Md5(listed.ContentHash));
        var record = await store.FindAsync<BlobEntity>(RowKeys.Blob(blobName), cancellationToken);
        if (record?.PostKey is not null)
        {
            // Ingested before names were checked, as the blob its URL names: that post is not this blob's.
            await RemoveBlobAsync(blobName, cancellationToken);
            record = null;
        }

        return await RejectAsync(blobName, record, seen, problem, cancellationToken);
    }

    private async Task<IngestResult> IngestImageAsync(string blobName, CancellationToken cancellationToken)
    {
        var step = await media.IngestAsync(blobName, cancellationToken);
        if (step == MediaStep.Gone)
        {
            return await RemoveBlobAsync(blobName, cancellationToken);
        }

        var result = step.Done ?? await RejectAsync(blobName, step.Record, step.Seen!, step.Rejection!, cancellationToken, step.Quarantine);

        // Unchanged too: a repeated or retried event heals an ingest that failed after its commit.
        await RenderDependentsAsync(blobName, cancellationToken);
        return result;
    }

    /// <summary>
    /// Every post that references <paramref name="blobName"/> rendered again (§11): each is a
    /// change like any other when what it shows changed, and nothing when it did not.
    /// </summary>
    internal async Task RenderDependentsAsync(string blobName, CancellationToken cancellationToken)
    {
        if (RenderDepth.Value >= MaxRenderDepth)
        {
            logger.LogWarning("Posts referencing {Blob} are not rendered again: {Depth} posts deep in references already", BlobNames.Printable(blobName), MaxRenderDepth);
            return;
        }

        var sources = await dependents.SourcesOfAsync(blobName, cancellationToken);
        RenderDepth.Value++;
        try
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = TableLimits.IngestParallelism, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(sources, options, async (source, ct) =>
            {
                var result = await BlobFailures.IsolateAsync(source, logger, () => IngestBlobAsync(source, ct, force: true));
                logger.LogDebug("Rendered {Post} again after {Blob} changed: {Outcome}", source, blobName, result.Outcome);
            });
        }
        finally
        {
            RenderDepth.Value--;
        }
    }

    /// <summary>A markdown blob as it was just downloaded (null when it is gone).</summary>
    internal async Task<IngestResult> IngestAsync(string blobName, DownloadedBlob? blob, CancellationToken cancellationToken, bool force = false)
    {
        if (blob is null)
        {
            return await RemoveBlobAsync(blobName, cancellationToken);
        }

        return await races.RunAsync("mark", blobName, async attempt =>
        {
            var record = await store.FindAsync<BlobEntity>(RowKeys.Blob(blobName), cancellationToken);
            if (!force && IsUnchanged(record, blob.Seen))
            {
                logger.LogDebug("Unchanged {Blob}", blobName);
                return new IngestResult(blobName, IngestOutcome.Unchanged, PostIdOf(record!));
            }

            if (IngestAttempts.IsQuarantined(record, blob.Seen.Hash))
            {
                return await RejectAsync(blobName, record, blob.Seen, attempts.QuarantineReason, cancellationToken, quarantine: true);
            }

            // Marked before parsing (unless parsed to its end before), so that an attempt the process does not survive still counts.
            var marked = await attempts.BeginAsync(blobName, record, blob.Seen.Hash, cancellationToken) ?? throw attempt.Lost();
            return await ParseAndStoreAsync(blobName, blob, marked, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>The content parsed and stored (or rejected), its blob's record marked for the attempt already.</summary>
    internal async Task<IngestResult> ParseAndStoreAsync(string blobName, DownloadedBlob blob, BlobEntity marked, CancellationToken cancellationToken)
    {
        if (await attempts.ParseAsync(blobName, blob.Bytes, blob.LastModified, cancellationToken) is not { } parsed)
        {
            logger.LogError("Parsing {Blob} ran out of time; it is quarantined after {Times} such attempts", blobName, IngestAttempts.QuarantineAfter);
            return new IngestResult(blobName, IngestOutcome.Failed, Reason: attempts.TimedOutReason);
        }

        return await FinishAsync(blobName, blob.Seen, marked, parsed, cancellationToken);
    }

    /// <summary>What a parse gave, written: the post, or the rejection. Either write ends the attempt.</summary>
    internal async Task<IngestResult> FinishAsync(string blobName, BlobVersion seen, BlobEntity marked, ParseResult parsed, CancellationToken cancellationToken) =>
        parsed.Outcome == ParseOutcome.Accepted
            ? await StoreAsync(blobName, parsed.Post!, marked, seen, cancellationToken)
            : await RejectAsync(blobName, marked, seen, parsed.Reason!, cancellationToken);

    /// <summary>Takes a deleted blob's post out of every endpoint and count, and forgets its rejection.</summary>
    public Task<IngestResult> RemoveAsync(string blobName, CancellationToken cancellationToken) =>
        MeasuredAsync(() => RemoveBlobAsync(blobName, cancellationToken));

    internal async Task<IngestResult> RemoveBlobAsync(string blobName, CancellationToken cancellationToken)
    {
        BlobEntity? record = null;
        PostEntity? post = null;
        return await races.RunAsync("remove", blobName, async attempt =>
        {
            // After a loss on the totals alone, the post and its record, as read, still stand.
            if (attempt.ReadAgain)
            {
                record = await store.FindAsync<BlobEntity>(RowKeys.Blob(blobName), cancellationToken);
                if (record is null)
                {
                    // Perhaps a removal that failed after its commit, retried: its dependents may not have been rendered again.
                    await RenderDependentsAsync(blobName, cancellationToken);
                    return new IngestResult(blobName, IngestOutcome.NothingToRemove);
                }

                post = record.PostKey is { } key ? await store.FindAsync<PostEntity>(key, cancellationToken) : null;
                if (post is not null && post.Blob != blobName)
                {
                    post = null;
                }
            }

            var transaction = post is null ? new TableTransaction() : await writer.PlanAsync([post], [], time.GetUtcNow(), cancellationToken);
            ForgetRejection(transaction, blobName, record);
            transaction.Delete(record!, record!.ETag);
            await attempt.SubmitAsync(transaction, store.Table, cancellationToken);
            if (post is not null)
            {
                await DeleteContentAsync(post.ContentBlob, cancellationToken);
            }

            if (record.MediaVersion is { } version)
            {
                await media.DeleteCopiesAsync(blobName, version, cancellationToken);
            }

            await dependents.ForgetAsync(blobName, Dependents.Hashes(record.References), cancellationToken);
            await RenderDependentsAsync(blobName, cancellationToken);
            logger.LogInformation("Removed {Blob} (post {PostId})", BlobNames.Printable(blobName), post?.Id);
            if (post is not null)
            {
                await HandOverAsync(post.RowKey, cancellationToken);
            }

            return new IngestResult(blobName, IngestOutcome.Removed, post?.Id);
        }, cancellationToken);
    }

    private async Task<IngestResult> StoreAsync(string blobName, Post post, BlobEntity? record, BlobVersion seen, CancellationToken cancellationToken)
    {
        var postKey = RowKeys.Post(PostId.Key(post.Id));
        string? contentBlob = null;
        PostEntity? existing = null;
        PostEntity? previous = null;
        return await races.RunAsync("store", blobName, async attempt =>
        {
            // After a loss on the totals alone (the usual race: another post of the shard), the post and the record, as read, still stand.
            if (attempt.ReadAgain)
            {
                if (attempt.Number > 0)
                {
                    record = await store.FindAsync<BlobEntity>(RowKeys.Blob(blobName), cancellationToken);
                }

                existing = await store.FindAsync<PostEntity>(postKey, cancellationToken);
                if (existing is not null && existing.Blob != blobName)
                {
                    if (await store.PostBlob(existing.Blob).ExistsAsync(cancellationToken))
                    {
                        return await RejectAsync(blobName, record, seen, IdOwners.Taken(post.Id, existing.Blob), cancellationToken, claims: postKey);
                    }

                    // The owner's blob is gone (renamed, say) and its deletion is not reconciled yet: it leaves first.
                    await RemoveBlobAsync(existing.Blob, cancellationToken);
                    throw RaceAttempt.Again();
                }

                previous = record?.PostKey is { } oldKey && oldKey != postKey ? await store.FindAsync<PostEntity>(oldKey, cancellationToken) : null;
                if (previous is not null && previous.Blob != blobName)
                {
                    previous = null;
                }
            }

            var transaction = new TableTransaction();
            if (existing is not null && (existing.RenderHash ?? existing.ContentHash) == post.RenderHash && previous is null)
            {
                // Already serving this very content, rendered alike: only the blob's record changes (a rejection is forgotten).
                ForgetRejection(transaction, blobName, record);
                transaction.Put(Record(record, blobName, postKey, seen, post));
            }
            else
            {
                contentBlob ??= await UploadContentAsync(postKey, post, cancellationToken);
                var now = time.GetUtcNow();
                var entity = ToEntity(postKey, post, contentBlob, now);
                entity.ETag = existing?.ETag ?? default;
                try
                {
                    transaction = await writer.PlanAsync([.. new[] { existing, previous }.OfType<PostEntity>()], [entity], now, cancellationToken);
                }
                catch (UnstorableException unstorable)
                {
                    return await RejectAsync(blobName, record, seen, unstorable.Message, cancellationToken);
                }

                ForgetRejection(transaction, blobName, record);
                transaction.Put(Record(record, blobName, postKey, seen, post));
            }

            try
            {
                await attempt.SubmitAsync(transaction, store.Table, cancellationToken);
            }
            catch (RequestFailedException error) when (IsAboutTheEntity(error))
            {
                // The checks before writing should make this unreachable; if the table still refuses, it is this blob's problem.
                return await RejectAsync(blobName, record, seen, $"could not be stored: the table refused it ({error.ErrorCode ?? error.Status.ToString(CultureInfo.InvariantCulture)})", cancellationToken);
            }

            await dependents.ForgetAsync(blobName, StaleReferences(record, post), cancellationToken);
            if (contentBlob is null)
            {
                return new IngestResult(blobName, IngestOutcome.Unchanged, post.Id);
            }

            foreach (var old in new[] { existing?.ContentBlob, previous?.ContentBlob })
            {
                if (old is not null && old != contentBlob)
                {
                    await DeleteContentAsync(old, cancellationToken);
                }
            }

            if (previous is not null)
            {
                // The blob gave up its old id: a blob that claims it has it now.
                await HandOverAsync(previous.RowKey, cancellationToken);
            }

            var outcome = existing is null && previous is null ? IngestOutcome.Added : IngestOutcome.Updated;
            logger.LogInformation("Ingested {Blob} as post {PostId} ({Outcome})", blobName, post.Id, outcome);
            if (existing is null || LinkTarget(existing) != LinkTarget(post))
            {
                // A post that links here links to a page that is new, moved or now a draft.
                await RenderDependentsAsync(blobName, cancellationToken);
            }

            return new IngestResult(blobName, outcome, post.Id);
        }, cancellationToken);
    }

    private async Task<IngestResult> RejectAsync(
        string blobName, BlobEntity? record, BlobVersion seen, string reason, CancellationToken cancellationToken, bool quarantine = false, string? claims = null) =>
        await races.RunAsync("reject", blobName, async attempt =>
        {
            if (attempt.Number > 0)
            {
                record = await store.FindAsync<BlobEntity>(RowKeys.Blob(blobName), cancellationToken);
            }

            if (record?.RejectedHash == seen.Hash && record.RejectedReason == reason)
            {
                return new IngestResult(blobName, IngestOutcome.Rejected, Reason: reason);
            }

            var updated = record ?? new BlobEntity { RowKey = RowKeys.Blob(blobName), Blob = blobName };
            updated.RejectedHash = seen.Hash;
            updated.RejectedReason = reason;
            updated.BlobETag = seen.ETag;
            updated.BlobMd5 = seen.Md5;
            if (!quarantine)
            {
                // A quarantine keeps its mark: the next attempt must meet it before parsing.
                IngestAttempts.Clear(updated);
            }

            var transaction = new TableTransaction();
            transaction.Put(updated);
            transaction.Upsert(new RejectionEntity { RowKey = RowKeys.Rejection(blobName), Blob = blobName, Reason = reason, At = time.GetUtcNow(), Claims = claims });
            await attempt.SubmitAsync(transaction, store.Table, cancellationToken);
            logger.LogWarning("Rejected {Blob}: {Reason}", BlobNames.Printable(blobName), reason);
            return new IngestResult(blobName, IngestOutcome.Rejected, Reason: reason);
        }, cancellationToken);

    /// <summary>
    /// §1's hand-over: the id <paramref name="postKey"/> has no owner any more (its blob was deleted
    /// or claims another id), so the blobs rejected for claiming it are ingested again, the earliest
    /// claim first (ties by name): it takes the id, the others are rejected naming it.
    /// </summary>
    private async Task HandOverAsync(string postKey, CancellationToken cancellationToken)
    {
        if (HandOverDepth.Value >= MaxHandOverDepth)
        {
            return;
        }

        var claimsIt = Azure.Data.Tables.TableClient.CreateQueryFilter($"Claims eq {postKey}");
        var rivals = new List<RejectionEntity>();
        await foreach (var rival in store.QueryPrefix<RejectionEntity>(RowKeys.RejectionPrefix, MaxRivals, null, cancellationToken, claimsIt))
        {
            rivals.Add(rival);
            if (rivals.Count == MaxRivals)
            {
                break;
            }
        }

        HandOverDepth.Value++;
        try
        {
            foreach (var rival in rivals.OrderBy(r => r.At).ThenBy(r => r.Blob, StringComparer.Ordinal))
            {
                var result = await BlobFailures.IsolateAsync(rival.Blob, logger, () => IngestBlobAsync(rival.Blob, cancellationToken));
                logger.LogInformation("Handed over {PostKey} to {Blob}: {Outcome}", postKey, BlobNames.Printable(rival.Blob), result.Outcome);
            }
        }
        finally
        {
            HandOverDepth.Value--;
        }
    }

    private static IEnumerable<string> StaleReferences(BlobEntity? record, Post post)
    {
        var now = Dependents.Hashes(Dependents.TargetHashes(post.References)).ToHashSet(StringComparer.Ordinal);
        return Dependents.Hashes(record?.References).Where(hash => !now.Contains(hash));
    }

    /// <summary>What a link to the post renders as: its page (id and slug), or nothing for a draft.</summary>
    private static string LinkTarget(PostEntity post) =>
        post.Draft ? "draft" : Core.Model.SiteOrigin.PostPath(post.Id, ArchiveStore.Summary(post.SummaryJson, post.IngestedAt).Slug);

    private static string LinkTarget(Post post) => post.Draft ? "draft" : Core.Model.SiteOrigin.PostPath(post.Id, post.Slug);

    /// <summary>A single ingest, measured (outcome and latency); the reconciler measures its own.</summary>
    private async Task<IngestResult> MeasuredAsync(Func<Task<IngestResult>> ingest)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await ingest();
        metrics.Ingested(result.Outcome, "single", Stopwatch.GetElapsedTime(started));
        return result;
    }

    internal async Task<string> UploadContentAsync(string postKey, Post post, CancellationToken cancellationToken)
    {
        // Named by content hash: a racing writer of another version never overwrites the blob a committed post points to.
        var name = $"{postKey[RowKeys.PostPrefix.Length..]}/{post.RenderHash}.json";
        var json = JsonSerializer.SerializeToUtf8Bytes(StoredContent.From(post), ArchiveJson.Options);
        await store.Content.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(json), overwrite: true, cancellationToken);
        return name;
    }

    private async Task DeleteContentAsync(string contentBlob, CancellationToken cancellationToken)
    {
        try
        {
            await store.Content.DeleteBlobIfExistsAsync(contentBlob, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException error)
        {
            // Only space is lost: nothing points at it any more.
            logger.LogWarning(error, "Could not delete old content {ContentBlob}", contentBlob);
        }
    }

    /// <summary>The table refused this entity itself (a property or key too large, an invalid value): no retry will help.</summary>
    private static bool IsAboutTheEntity(RequestFailedException error) => error.Status is 400 or 413;
}
