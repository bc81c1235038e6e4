namespace Archive.Storage.Tables;

/// <summary>A post: its summary (what lists and totals are made of) and where its content is.</summary>
public sealed class PostEntity : ArchiveEntity
{
    public string Id { get; set; } = string.Empty;
    public string Blob { get; set; } = string.Empty;
    public string ContentHash { get; set; } = string.Empty;
    public string ContentBlob { get; set; } = string.Empty;

    /// <summary>What the served version is made of (<see cref="Archive.Core.Model.Post.RenderHash"/>); null for a post stored before it, whose content is its bytes alone.</summary>
    public string? RenderHash { get; set; }
    public bool Draft { get; set; }
    public string SummaryJson { get; set; } = string.Empty;
    public long? DateTicks { get; set; }

    public DateTimeOffset IngestedAt { get; set; }

    /// <summary>The row key of this post's entry in the change log, which the next change of the post replaces.</summary>
    public string? ChangeKey { get; set; }

    public PostEntity Copy() => (PostEntity)MemberwiseClone();
}
