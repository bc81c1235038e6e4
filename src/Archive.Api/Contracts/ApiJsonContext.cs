using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Archive.Api.Feeds;

namespace Archive.Api.Contracts;

/// <summary>Source-generated metadata of every body the API serializes; <see cref="ApiJson"/> applies Archive's settings.</summary>
[JsonSerializable(typeof(PostList))]
[JsonSerializable(typeof(PostDetail))]
[JsonSerializable(typeof(ThemeList))]
[JsonSerializable(typeof(ThemePage))]
[JsonSerializable(typeof(TagList))]
[JsonSerializable(typeof(ReadingTimeReport))]
[JsonSerializable(typeof(Health))]
[JsonSerializable(typeof(ChangeList))]
[JsonSerializable(typeof(SearchResult))]
[JsonSerializable(typeof(RelatedList))]
[JsonSerializable(typeof(ThemeSuggestionList))]
[JsonSerializable(typeof(RejectionList))]
[JsonSerializable(typeof(BlobState))]
[JsonSerializable(typeof(ReindexReport))]
[JsonSerializable(typeof(JsonFeed))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
