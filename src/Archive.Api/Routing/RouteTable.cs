using System.Text.Json.Nodes;
using Archive.Api.Contracts;
using Archive.Api.Endpoints;
using Archive.Api.Feeds;
using Archive.Core.Stored;
using Archive.Storage.Changes;
using Archive.Storage.Ingestion;
using Archive.Storage.Reading;

namespace Archive.Api.Routing;

/// <summary>Every route of the contract (§4, §5), once: the Functions app, the local host and the OpenAPI document all read it.</summary>
public static class RouteTable
{
    private const int NotFound = 404;
    private const int Unauthorized = 401;
    private const int Forbidden = 403;
    private const int Unavailable = 503;
    private const int Gone = 410;

    private static readonly ApiParameter Theme = new("theme", ParameterPlace.Query, "string", "Theme slug");
    private static readonly ApiParameter Tag = new("tag", ParameterPlace.Query, "string", "A tag as written, or its key (lower case, accents folded, '-' between words)");
    private static readonly ApiParameter[] ListParameters =
    [
        Tag,
        new("from", ParameterPlace.Query, "string", "Earliest date, inclusive (yyyy-MM-dd)") { Format = "date" },
        new("to", ParameterPlace.Query, "string", "Latest date, inclusive (yyyy-MM-dd)") { Format = "date" },
        new("year", ParameterPlace.Query, "integer", "Only posts dated in this year") { Minimum = 1, Maximum = 9999 },
        new("sort", ParameterPlace.Query, "string", "Order of the list (default newest)", ["newest", "oldest", "longest", "shortest"]),
        new("limit", ParameterPlace.Query, "integer", $"Posts per page, 1 to {PostListQuery.MaxLimit} (default {PostListQuery.DefaultLimit})") { Minimum = 1, Maximum = PostListQuery.MaxLimit },
        new("cursor", ParameterPlace.Query, "string", "Opaque cursor from the previous page's nextCursor"),
    ];

    public static readonly IReadOnlyList<ApiRoute> All =
    [
        new(FunctionNames.ListPosts, "GET", Routes.Posts, false, "Posts, a page at a time", [Theme, .. ListParameters],
            (e, call, ct) => e.ListPostsAsync(call, ct), typeof(PostList), [Unavailable]),
        new(FunctionNames.GetPost, "GET", Routes.Post, false, "One post with its rendered body",
            [new("id", ParameterPlace.Path, "string", "Post id, or the slug of its title (the newest post when several share it); any case"),
             new("format", ParameterPlace.Query, "string", "Also include the markdown or the counted plain text", ["markdown", "text"])],
            (e, call, ct) => e.GetPostAsync(call, ct), typeof(PostDetail), [NotFound, Unavailable]),
        new(FunctionNames.ListThemes, "GET", Routes.Themes, false, "Themes, most posts first", [],
            (e, call, ct) => e.ListThemesAsync(call, ct), typeof(ThemeList), [Unavailable]),
        new(FunctionNames.Search, "GET", Routes.Search, false, "Full-text search over title, description, tags and text, best first, with highlighted snippets",
            [new("q", ParameterPlace.Query, "string", "Words to find (all of them); \"a phrase\"; -word to exclude. 1 to 200 characters") { Required = true },
             Theme, Tag,
             new("year", ParameterPlace.Query, "integer", "Only posts dated in this year") { Minimum = 1, Maximum = 9999 },
             new("limit", ParameterPlace.Query, "integer", $"Results per page, 1 to {SearchEndpoints.MaxLimit} (default {SearchEndpoints.DefaultLimit})") { Minimum = 1, Maximum = SearchEndpoints.MaxLimit },
             new("cursor", ParameterPlace.Query, "string", "Opaque cursor from the previous page's nextCursor")],
            (e, call, ct) => e.Search.SearchAsync(call, ct), typeof(SearchResult), [Unavailable]),
        new(FunctionNames.GetRelated, "GET", Routes.Related, false, "Up to 5 other posts most like this one in their text and tags, best first",
            [new("id", ParameterPlace.Path, "string", "Post id or slug (any case)")],
            (e, call, ct) => e.Search.RelatedAsync(call, ct), typeof(RelatedList), [NotFound, Unavailable]),
        new(FunctionNames.ListTags, "GET", Routes.Tags, false, "Tags by key, with their most common spelling, most posts first", [],
            (e, call, ct) => e.ListTagsAsync(call, ct), typeof(TagList), [Unavailable]),
        new(FunctionNames.GetTheme, "GET", Routes.Theme, false, "One theme and the first page of its posts",
            [new("slug", ParameterPlace.Path, "string", "Theme slug"), .. ListParameters],
            (e, call, ct) => e.GetThemeAsync(call, ct), typeof(ThemePage), [NotFound, Unavailable]),
        new(FunctionNames.GetReadingTime, "GET", Routes.ReadingTime, false, "Reading-time statistics", [Theme],
            (e, call, ct) => e.GetReadingTimeAsync(call, ct), typeof(ReadingTimeReport), [NotFound, Unavailable]),
        new(FunctionNames.GetHealth, "GET", Routes.Health, false, "200 when storage answers, 503 otherwise", [],
            (e, call, ct) => e.GetHealthAsync(call, ct), typeof(Health), [Unavailable]),
        new(FunctionNames.GetOpenApi, "GET", Routes.OpenApi, false, "This document", [],
            (e, call, ct) => e.GetOpenApiAsync(call, ct), typeof(JsonObject), []),
        new(FunctionNames.ListChanges, "GET", Routes.Changes, false, "What changed since a token, oldest first: upserts and deletions, for clients that keep a copy",
            [new("since", ParameterPlace.Query, "string", "Opaque token from the previous page's nextToken; without it, every served post from the beginning"),
             new("limit", ParameterPlace.Query, "integer", $"Changes per page, 1 to {ChangeLog.MaxLimit} (default {ChangeLog.DefaultLimit})") { Minimum = 1, Maximum = ChangeLog.MaxLimit }],
            (e, call, ct) => e.ListChangesAsync(call, ct), typeof(ChangeList), [Gone, Unavailable]),
        new(FunctionNames.GetJsonFeed, "GET", Routes.JsonFeed, false, $"JSON Feed 1.1 of the {FeedBuilder.Items} posts with the latest dates", [Theme, Tag],
            (e, call, ct) => e.GetFeedAsync(call, FeedFormat.Json, ct), typeof(JsonFeed), [Unavailable]) { MediaType = JsonFeed.MediaType },
        new(FunctionNames.GetAtomFeed, "GET", Routes.AtomFeed, false, $"Atom 1.0 feed of the {FeedBuilder.Items} posts with the latest dates", [Theme, Tag],
            (e, call, ct) => e.GetFeedAsync(call, FeedFormat.Atom, ct), typeof(string), [Unavailable]) { MediaType = AtomFeed.MediaType },
        new(FunctionNames.GetMedia, "GET", Routes.Media, false, "An image's served copy (metadata removed), or with w one of its WebP variants; immutable when v is its current version",
            [new("name", ParameterPlace.Path, "string", "The image's blob name in the posts container; may hold '/' (maps/hanse.png)"),
             new("v", ParameterPlace.Query, "string", "The image's version, as posts' URLs carry it"),
             new("w", ParameterPlace.Query, "integer", "Width of a WebP variant the image has (480, 960 or 1600, below its own)")],
            (e, call, ct) => e.Media.GetAsync(call, ct), typeof(string), [NotFound, Unavailable]) { MediaType = "image/*" },
        new(FunctionNames.ListRejections, "GET", Routes.Rejections, true, "Blobs whose current version is rejected, with the reason", [],
            (e, call, ct) => e.ListRejectionsAsync(call, ct), typeof(RejectionList), [Unauthorized, Forbidden, Unavailable]),
        new(FunctionNames.GetBlobState, "GET", Routes.BlobState, true, "What became of a blob's current version: pending, served, draft, rejected, ignored or absent",
            [new("name", ParameterPlace.Path, "string", "Blob name in the posts container; may hold '/' (sub/a.md); empty when given as the query's name"),
             new("name", ParameterPlace.Query, "string", "The blob name as a query value, exactly as stored: for names that URLs rewrite (a/../x.md, a\\b.md), which the path cannot carry")],
            (e, call, ct) => e.GetBlobStateAsync(call, ct), typeof(BlobState), [Unauthorized, Forbidden, Unavailable]),
        new(FunctionNames.GetThemeSuggestions, "GET", Routes.ThemeSuggestions, true, "For each uncategorized post, up to 3 themes whose posts its text is most like",
            [], (e, call, ct) => e.Search.ThemeSuggestionsAsync(call, ct), typeof(ThemeSuggestionList), [Unauthorized, Forbidden, Unavailable]),
        new(FunctionNames.Reindex, "POST", Routes.Reindex, true, "Reconcile the container with the index now", [],
            (e, call, ct) => e.ReindexAsync(call, ct), typeof(ReindexReport), [Unauthorized, Forbidden, Unavailable]),
    ];

    public static ApiRoute Named(string name) => All.Single(r => r.Name == name);
}
