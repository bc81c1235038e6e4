using Archive.Core.Stored;
using Archive.Storage.Totals;

namespace Archive.Storage.Reading;

/// <summary>A page of a list: the posts as served, and as indexed (where their content is).</summary>
public sealed record PostPage(IReadOnlyList<IndexedPost> Posts, string? NextCursor)
{
    public IReadOnlyList<StoredSummary> Items => [.. Posts.Select(p => p.Summary)];
}
