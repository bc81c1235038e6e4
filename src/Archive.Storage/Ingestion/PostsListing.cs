using Azure.Storage.Blobs.Models;

namespace Archive.Storage.Ingestion;

/// <summary>
/// Every blob of the posts container by name, as one listing gave them; <see cref="Incomplete"/>
/// when the listing broke off (Azurite cannot list past a name with a control character): what it
/// gave is ingested, and nothing is removed for being missing from it.
/// </summary>
public sealed class PostsListing : Dictionary<string, BlobItem>
{
    public PostsListing()
        : base(StringComparer.Ordinal)
    {
    }

    public bool Incomplete { get; set; }
}
