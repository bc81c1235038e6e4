using Archive.Core.Model;
using Archive.Core.Parsing;
using Archive.Storage.Tables;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Archive.Storage.Ingestion;

/// <summary>
/// Attempt markers and the parse budget. Before new content of a blob is parsed, the blob's record
/// notes the content's hash and counts the attempt; the write that ends the ingest (the post, or
/// the rejection) clears the mark. A record that still names the same hash therefore saw an attempt
/// that never ended: the process died in it, or the parse ran out of time. After
/// <see cref="QuarantineAfter"/> of them the content is rejected unparsed, by any host, after any
/// restart, until the blob changes.
/// </summary>
public sealed class IngestAttempts(ArchiveStore store, PostParser parser, Media.ReferenceLookup references, Media.Dependents dependents, IOptions<IngestOptions> options)
{
    public const int QuarantineAfter = 2;

    private readonly TimeSpan timeout = TimeSpan.FromSeconds(options.Value.ParseTimeoutSeconds);

    public string QuarantineReason =>
        $"quarantined: ingesting this content was cut short {QuarantineAfter} times (the process stopped, or parsing ran past {timeout.TotalSeconds:0} s); fix the file and upload it again";

    public static bool IsQuarantined(BlobEntity? record, string contentHash) =>
        record?.AttemptHash == contentHash && record.Attempts >= QuarantineAfter;

    /// <summary>
    /// The record to parse under: marked, unless this very content was parsed to its end before (its
    /// current rejection), which no parse of it can crash; null when another writer changed the record first.
    /// </summary>
    internal async Task<BlobEntity?> BeginAsync(string blobName, BlobEntity? record, string contentHash, CancellationToken cancellationToken)
    {
        if (record is not null && record.RejectedHash == contentHash && record.AttemptHash is null)
        {
            // Reconciles retry rejections (an id's owner may have left): each would otherwise write a mark.
            return record;
        }

        var marked = record ?? new BlobEntity { RowKey = RowKeys.Blob(blobName), Blob = blobName };
        marked.Attempts = marked.AttemptHash == contentHash ? marked.Attempts + 1 : 1;
        marked.AttemptHash = contentHash;
        try
        {
            var response = marked.ETag == default
                ? await store.Table.AddEntityAsync(marked, cancellationToken)
                : await store.Table.UpdateEntityAsync(marked, marked.ETag, TableUpdateMode.Replace, cancellationToken);
            marked.ETag = response.Headers.ETag ?? default;
            return marked;
        }
        catch (RequestFailedException error) when (LostRaces.IsLostRace(error))
        {
            return null;
        }
    }

    /// <summary>Clears the mark on a record about to be written (the write that ends the attempt).</summary>
    internal static void Clear(BlobEntity record)
    {
        record.AttemptHash = null;
        record.Attempts = 0;
    }

    /// <summary>
    /// Parses within the time budget; null when it ran out (the abandoned parse ends on its own; its
    /// mark stays and counts). A post that references images or posts (§11) is parsed twice: the
    /// first parse names them, they are noted as its dependencies and looked up, and the second
    /// renders them as they are.
    /// </summary>
    internal async Task<ParseResult?> ParseAsync(string blobName, ReadOnlyMemory<byte> bytes, DateTimeOffset lastModified, CancellationToken cancellationToken)
    {
        var first = await ParseWithinBudgetAsync(blobName, bytes, lastModified, null, cancellationToken);
        if (first?.Post is not { References.Count: > 0 } post)
        {
            return first;
        }

        await dependents.RecordAsync(blobName, post.References, cancellationToken);
        var resolved = await references.ResolveAsync(post.References, cancellationToken);
        return await ParseWithinBudgetAsync(blobName, bytes, lastModified, resolved, cancellationToken);
    }

    private async Task<ParseResult?> ParseWithinBudgetAsync(
        string blobName, ReadOnlyMemory<byte> bytes, DateTimeOffset lastModified, IReadOnlyDictionary<string, Core.Markdown.ResolvedReference>? resolved, CancellationToken cancellationToken)
    {
        var parsing = Task.Run(() => parser.Parse(blobName, bytes.Span, lastModified, resolved), CancellationToken.None);
        try
        {
            return await parsing.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    internal string TimedOutReason => $"parsing took longer than {timeout.TotalSeconds:0} s; the attempt counts towards quarantine";
}
