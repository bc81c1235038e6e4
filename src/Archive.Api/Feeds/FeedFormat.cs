namespace Archive.Api.Feeds;

public enum FeedFormat
{
    Json,
    Atom,
}
