using Archive.Core.Stored;
using Archive.Storage.Totals;

namespace Archive.Storage.Reading;

/// <summary>
/// A page of a list: the posts as served, and as indexed (where their content is); <see cref="LastKey"/>
/// is the list key the next page starts after, null on the last page (the API makes it a cursor).
/// </summary>
public sealed record PostPage(IReadOnlyList<IndexedPost> Posts, string? LastKey)
{
    public IReadOnlyList<StoredSummary> Items => [.. Posts.Select(p => p.Summary)];
}
