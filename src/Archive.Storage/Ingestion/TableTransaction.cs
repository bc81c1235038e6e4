using Azure;
using Archive.Storage.Tables;
using Archive.Storage.Totals;
using Azure.Data.Tables;

namespace Archive.Storage.Ingestion;

/// <summary>One entity-group transaction being assembled: at most one action per row key, as the service requires.</summary>
internal sealed class TableTransaction
{
    private readonly Dictionary<string, TableTransactionAction> actions = new(StringComparer.Ordinal);

    public int Count => actions.Count;

    public void Add(ITableEntity entity) => Set(entity, new TableTransactionAction(TableTransactionActionType.Add, entity));

    public void Upsert(ITableEntity entity) => Set(entity, new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));

    /// <summary>Replaces the entity only if it still has the ETag it was read with.</summary>
    public void Replace(ITableEntity entity) =>
        Set(entity, new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, entity.ETag));

    /// <summary>Adds a new entity, or replaces the one read, so that a concurrent writer makes this fail.</summary>
    public void Put(ITableEntity entity)
    {
        if (entity.ETag == default)
        {
            Add(entity);
        }
        else
        {
            Replace(entity);
        }
    }

    public void Delete(ITableEntity entity, ETag etag) =>
        Set(entity, new TableTransactionAction(TableTransactionActionType.Delete, entity, etag));

    /// <summary>The row key of the action the service refused in the last failed submit, when it said which.</summary>
    public string? FailedRowKey { get; private set; }

    /// <summary>The last submit failed on a total, not on a post or record: only the totals need reading again.</summary>
    public bool FailedOnTotals => FailedRowKey?.StartsWith(RowKeys.TotalsPrefix, StringComparison.Ordinal) == true;

    public async Task SubmitAsync(TableClient table, CancellationToken cancellationToken)
    {
        if (actions.Count == 0)
        {
            return;
        }

        var submitted = actions.Values.ToList();
        var heads = submitted
            .Where(a => a.ActionType != TableTransactionActionType.Delete && a.Entity is TotalsEntity { Scope: RowKeys.AllScope })
            .Select(a => (TotalsEntity)a.Entity)
            .ToList();
        if (heads.Count > 0)
        {
            // In the same transaction, so the version row never shows a version whose changes are not committed.
            submitted.Add(new TableTransactionAction(TableTransactionActionType.UpsertMerge, ArchiveVersion.MergeOf(heads)));
        }

        FailedRowKey = null;
        try
        {
            await table.SubmitTransactionAsync(submitted, cancellationToken);
        }
        catch (TableTransactionFailedException error)
        {
            FailedRowKey = error.FailedTransactionActionIndex is { } index && index >= 0 && index < submitted.Count ? submitted[index].Entity.RowKey : null;
            throw;
        }
    }

    private void Set(ITableEntity entity, TableTransactionAction action) => actions[entity.RowKey] = action;
}
