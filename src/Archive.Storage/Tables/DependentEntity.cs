namespace Archive.Storage.Tables;

/// <summary>A post that references a blob (§11): when the blob changes, the post is rendered again.</summary>
public sealed class DependentEntity : ArchiveEntity
{
    public string Target { get; set; } = string.Empty;

    public string Source { get; set; } = string.Empty;
}
