using Microsoft.Extensions.Configuration;

namespace Archive.Storage;

/// <summary>The storage connection as the Functions host reads it: a connection string, or identity-based settings.</summary>
public sealed record StorageConnection(string? ConnectionString, Uri? BlobUri, Uri? TableUri)
{
    public static StorageConnection From(IConfiguration configuration, string name)
    {
        var section = configuration.GetSection(name);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return new StorageConnection(section.Value, null, null);
        }

        if (section["accountName"] is { Length: > 0 } account)
        {
            return new StorageConnection(null, new Uri($"https://{account}.blob.core.windows.net"), new Uri($"https://{account}.table.core.windows.net"));
        }

        if (section["blobServiceUri"] is { Length: > 0 } blobUri && section["tableServiceUri"] is { Length: > 0 } tableUri)
        {
            return new StorageConnection(null, new Uri(blobUri), new Uri(tableUri));
        }

        throw new InvalidOperationException(
            $"No storage connection: set '{name}' to a connection string (locally 'UseDevelopmentStorage=true'), " +
            $"or '{name}__accountName' for a managed identity.");
    }
}
