using Archive.Storage;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace Archive.Storage.Tests;

/// <summary>The storage connection is read the way the Functions host reads AzureWebJobsStorage, locally and in Azure.</summary>
public sealed class StorageConnectionTests
{
    private static StorageConnection Read(params (string Key, string Value)[] settings) =>
        StorageConnection.From(new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build(), "AzureWebJobsStorage");

    [Fact]
    public void Connection_string_is_used_as_is() =>
        Assert.Equal("UseDevelopmentStorage=true", Read(("AzureWebJobsStorage", "UseDevelopmentStorage=true")).ConnectionString);

    [Fact]
    public void Account_name_with_client_id_signs_in_as_that_user_assigned_identity()
    {
        var connection = Read(("AzureWebJobsStorage:accountName", "starchive"), ("AzureWebJobsStorage:credential", "managedidentity"), ("AzureWebJobsStorage:clientId", "1234"));
        Assert.Null(connection.ConnectionString);
        Assert.Equal(new Uri("https://starchive.blob.core.windows.net"), connection.BlobUri);
        Assert.Equal(new Uri("https://starchive.table.core.windows.net"), connection.TableUri);
        Assert.IsType<ManagedIdentityCredential>(connection.Credential());
    }

    [Fact]
    public void Service_uris_win_over_the_account_name()
    {
        var connection = Read(("AzureWebJobsStorage:accountName", "x"), ("AzureWebJobsStorage:blobServiceUri", "https://b.example"), ("AzureWebJobsStorage:tableServiceUri", "https://t.example"));
        Assert.Equal(new Uri("https://b.example"), connection.BlobUri);
        Assert.IsType<DefaultAzureCredential>(connection.Credential());
    }

    [Fact]
    public void No_connection_names_the_setting() =>
        Assert.Contains("AzureWebJobsStorage", Assert.Throws<InvalidOperationException>(() => Read()).Message, StringComparison.Ordinal);
}
