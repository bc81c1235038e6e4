using System.Text.Json;
using Archive.Core.Model;
using Archive.Core.Parsing;
using Archive.Core.Stored;
using Archive.Storage.Tables;
using Azure;

namespace Archive.Storage.Ingestion;

/// <summary>The entities an ingest writes, built the same way by the single-blob and the bulk path.</summary>
internal static class IngestEntities
{
    /// <summary>The record says this very content is what the blob last gave, and it was not rejected.</summary>
    public static bool IsUnchanged(BlobEntity? record, BlobVersion seen) =>
        record is { RejectedHash: null } && record.ContentHash == seen.Hash && record.Rendering == CurrentRendering(record.Blob);

    /// <summary>The version of processing a record of this blob is made by now: an older one is made again (§11: a new Archive version renders stored posts again).</summary>
    public static int CurrentRendering(string blobName) => MediaBlobName.IsMedia(blobName) ? Archive.Media.ImageProcessor.Version : Core.Markdown.Rendering.Version;

    public static string? PostIdOf(BlobEntity record) => record.PostKey?[RowKeys.PostPrefix.Length..];

    /// <summary>The summary as stored, its ingest time in it (the parser has checked that it fits: <see cref="InputLimits.MaxSummaryCharacters"/>).</summary>
    public static string SummaryJson(Post post, DateTimeOffset ingestedAt) => JsonSerializer.Serialize(StoredSummary.From(post, ingestedAt), ArchiveJson.Options);

    /// <summary>
    /// The blob's record after a good ingest of a post or an image (a copy): the content it gave,
    /// no rejection, no attempt under way, made by the current rendering or image processing.
    /// </summary>
    public static BlobEntity Good(BlobEntity? record, string blobName, BlobVersion seen)
    {
        var updated = record?.Copy() ?? new BlobEntity { RowKey = RowKeys.Blob(blobName), Blob = blobName };
        updated.ContentHash = seen.Hash;
        updated.BlobETag = seen.ETag;
        updated.BlobMd5 = seen.Md5;
        updated.RejectedHash = null;
        updated.RejectedReason = null;
        updated.Rendering = CurrentRendering(blobName);
        IngestAttempts.Clear(updated);
        return updated;
    }

    /// <summary>A post's record after a good ingest: <see cref="Good"/>, the post it became and what it references.</summary>
    public static BlobEntity Record(BlobEntity? record, string blobName, string postKey, BlobVersion seen, Post post)
    {
        var updated = Good(record, blobName, seen);
        updated.PostKey = postKey;
        updated.References = post.References.Count == 0 ? null : Media.Dependents.TargetHashes(post.References);
        return updated;
    }

    /// <summary>Call before <see cref="Record"/> clears the record's rejection.</summary>
    public static void ForgetRejection(TableTransaction transaction, string blobName, BlobEntity? record)
    {
        if (record?.RejectedHash is not null)
        {
            transaction.Delete(new RejectionEntity { RowKey = RowKeys.Rejection(blobName) }, ETag.All);
        }
    }

    public static PostEntity ToEntity(string postKey, Post post, string contentBlob, DateTimeOffset now) => new()
    {
        RowKey = postKey,
        Id = post.Id,
        Blob = post.Blob,
        ContentHash = post.ContentHash,
        RenderHash = post.RenderHash == post.ContentHash ? null : post.RenderHash,
        ContentBlob = contentBlob,
        Draft = post.Draft,
        SummaryJson = SummaryJson(post, now),
        DateTicks = post.Date?.UtcTicks,
        IngestedAt = now,
    };
}
