using System.Text.Json.Serialization;

namespace Archive.Api.Feeds;

/// <summary>A JSON Feed 1.1 document (https://jsonfeed.org/version/1.1), as <c>/api/feed.json</c> serves it.</summary>
public sealed record JsonFeed(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("home_page_url")] string HomePageUrl,
    [property: JsonPropertyName("feed_url")] string FeedUrl,
    [property: JsonPropertyName("authors")] IReadOnlyList<JsonFeedAuthor> Authors,
    [property: JsonPropertyName("items")] IReadOnlyList<JsonFeedItem> Items)
{
    public const string Version11 = "https://jsonfeed.org/version/1.1";
    public const string MediaType = "application/feed+json";

    public static JsonFeed From(FeedModel feed) => new(
        Version11,
        feed.Title,
        feed.HomePage.AbsoluteUri,
        feed.Self.AbsoluteUri,
        [new JsonFeedAuthor(feed.Author)],
        [.. feed.Entries.Select(e => new JsonFeedItem(e.Id, e.Url.AbsoluteUri, e.Title, e.Html, e.Summary, e.Published, e.Modified, e.Tags))]);
}

public sealed record JsonFeedAuthor([property: JsonPropertyName("name")] string Name);

public sealed record JsonFeedItem(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("content_html")] string ContentHtml,
    [property: JsonPropertyName("summary")] string Summary,
    [property: JsonPropertyName("date_published"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? DatePublished,
    [property: JsonPropertyName("date_modified")] DateTimeOffset DateModified,
    [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags);
