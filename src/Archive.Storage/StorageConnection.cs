using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace Archive.Storage;

/// <summary>
/// The storage connection as the Functions host reads it: a connection string
/// (<c>AzureWebJobsStorage</c>), or identity-based settings (<c>AzureWebJobsStorage__accountName</c>,
/// or <c>__blobServiceUri</c> and <c>__tableServiceUri</c>; <c>__clientId</c> for a user-assigned identity).
/// </summary>
public sealed record StorageConnection(string? ConnectionString, Uri? BlobUri, Uri? TableUri, string? ClientId)
{
    public static StorageConnection From(IConfiguration configuration, string name)
    {
        var section = configuration.GetSection(name);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return new StorageConnection(section.Value, null, null, null);
        }

        var clientId = section["clientId"] is { Length: > 0 } id ? id : null;
        if (section["blobServiceUri"] is { Length: > 0 } blobUri && section["tableServiceUri"] is { Length: > 0 } tableUri)
        {
            return new StorageConnection(null, new Uri(blobUri), new Uri(tableUri), clientId);
        }

        if (section["accountName"] is { Length: > 0 } account)
        {
            // The public cloud's endpoints; elsewhere set blobServiceUri and tableServiceUri.
            return new StorageConnection(null, new Uri($"https://{account}.blob.core.windows.net"), new Uri($"https://{account}.table.core.windows.net"), clientId);
        }

        throw new InvalidOperationException(
            $"No storage connection: set '{name}' to a connection string (locally 'UseDevelopmentStorage=true'), " +
            $"or '{name}__accountName' for a managed identity.");
    }

    /// <summary>The identity to sign in with: the user-assigned one named by <c>clientId</c>, else whatever the environment offers.</summary>
    public TokenCredential Credential() =>
        ClientId is { } id ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(id)) : new DefaultAzureCredential();
}
