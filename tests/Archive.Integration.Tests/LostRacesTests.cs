using Archive.Storage.Ingestion;
using Azure;
using Azure.Data.Tables;

namespace Archive.Integration.Tests;

/// <summary>What the one retry of ETag-guarded writes counts as a lost race, as the table service (Azurite) answers.</summary>
public sealed class LostRacesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_moved_etag_an_entity_added_twice_and_an_entity_deleted_by_another_writer_are_lost_races()
    {
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient("races" + Guid.NewGuid().ToString("N")[..8]);
        await table.CreateAsync();
        var added = await table.AddEntityAsync(new TableEntity("a", "row"));
        await table.UpdateEntityAsync(new TableEntity("a", "row") { ["v"] = 1 }, ETag.All, TableUpdateMode.Replace);

        var moved = await Assert.ThrowsAnyAsync<RequestFailedException>(() =>
            table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity("a", "row"), added.Headers.ETag!.Value)]));
        var twice = await Assert.ThrowsAnyAsync<RequestFailedException>(() =>
            table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("a", "row"))]));
        var gone = await Assert.ThrowsAnyAsync<RequestFailedException>(() =>
            table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity("a", "other"), ETag.All)]));

        Assert.True(LostRaces.IsLostRace(moved), $"{moved.Status} {moved.ErrorCode}");
        Assert.True(LostRaces.IsLostRace(twice), $"{twice.Status} {twice.ErrorCode}");
        Assert.True(LostRaces.IsLostRace(gone), $"{gone.Status} {gone.ErrorCode}");
    }

    [Fact]
    public async Task A_missing_table_is_not_a_lost_race()
    {
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient("missing" + Guid.NewGuid().ToString("N")[..8]);
        var missing = await Assert.ThrowsAnyAsync<RequestFailedException>(() =>
            table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("a", "row"))]));

        Assert.Equal(404, missing.Status);
        Assert.False(LostRaces.IsLostRace(missing), $"{missing.Status} {missing.ErrorCode}");
    }
}
