namespace Archive.Api.Feeds;

/// <summary>A feed as both formats write it: built once from the posts, then written as JSON Feed or Atom.</summary>
public sealed record FeedModel(string Title, string Author, Uri HomePage, Uri Self, string IdBase, DateTimeOffset Updated, IReadOnlyList<FeedEntry> Entries)
{
    /// <summary>The feed's own id: one per selection (all posts, a theme, a tag).</summary>
    public string Id { get; init; } = IdBase + "feed";
}

/// <summary>One post in a feed (§9): its id, link, dates, excerpt, rendered HTML and tags.</summary>
public sealed record FeedEntry(
    string Id, Uri Url, string Title, DateTimeOffset? Published, DateTimeOffset Modified, string Summary, string Html, IReadOnlyList<string> Tags);
