namespace Archive.Core.Parsing;

/// <summary>
/// §1's rule for ids: an id (compared case-insensitively) belongs to the blob that claimed it
/// first; a second blob that claims it is rejected with <see cref="Taken"/>. The ingestor keeps the
/// owners in the table; <c>archive check</c> keeps them here, for the files it reads in order.
/// </summary>
public sealed class IdOwners
{
    private readonly Dictionary<string, string> owners = new(StringComparer.Ordinal);

    public static string Taken(string id, string ownerBlob) => $"id '{id}' is already used by blob '{ownerBlob}'";

    /// <summary>Null when <paramref name="blobName"/> may have <paramref name="id"/> (first, or its owner already); else the rejection.</summary>
    public string? Claim(string id, string blobName)
    {
        var key = PostId.Key(id);
        return owners.TryAdd(key, blobName) || owners[key] == blobName ? null : Taken(id, owners[key]);
    }
}
