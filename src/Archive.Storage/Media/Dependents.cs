using Archive.Core.Markdown;
using Archive.Storage.Tables;
using Azure;
using Azure.Data.Tables;

namespace Archive.Storage.Media;

/// <summary>
/// Which posts reference which blobs (§11), kept as rows <c>d|{blob}|{post's blob}</c>, so that a
/// blob's change finds the posts to render again in one range query. A post's rows are written
/// before the post is (and before it looks its references up), and removed only after a post no
/// longer references them: the rows are a superset of the truth, so a blob that changes while a
/// post that references it is being ingested is either seen by that ingest or finds its row.
/// </summary>
public sealed class Dependents(ArchiveStore store)
{
    public static string TargetHashes(IEnumerable<BlobReference> references) =>
        string.Join(',', references.Select(r => RowKeys.NameHash(r.Blob)).Distinct(StringComparer.Ordinal));

    internal async Task RecordAsync(string source, IReadOnlyList<BlobReference> references, CancellationToken cancellationToken)
    {
        foreach (var batch in references.DistinctBy(r => r.Blob, StringComparer.Ordinal).Chunk(TableLimits.EntitiesPerTransaction))
        {
            var actions = batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new DependentEntity
            {
                RowKey = RowKeys.Dependent(RowKeys.NameHash(r.Blob), source),
                Target = r.Blob,
                Source = source,
            }));
            await store.Table.SubmitTransactionAsync(actions, cancellationToken);
        }
    }

    /// <summary>Removes the rows of targets (by name hash) the post no longer references.</summary>
    internal async Task ForgetAsync(string source, IEnumerable<string> targetHashes, CancellationToken cancellationToken)
    {
        foreach (var hash in targetHashes)
        {
            // A missing row is no failure: deleting is idempotent here.
            await store.Table.DeleteEntityAsync(RowKeys.Partition, RowKeys.Dependent(hash, source), ETag.All, cancellationToken);
        }
    }

    public static IEnumerable<string> Hashes(string? joined) => (joined ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The posts' blobs that reference <paramref name="target"/>.</summary>
    public async Task<IReadOnlyList<string>> SourcesOfAsync(string target, CancellationToken cancellationToken)
    {
        var sources = new List<string>();
        await foreach (var row in store.QueryPrefix<DependentEntity>(RowKeys.DependentsOf(RowKeys.NameHash(target)), TableLimits.QueryPageSize, [nameof(DependentEntity.Source)], cancellationToken))
        {
            sources.Add(row.Source);
        }

        return sources;
    }
}
