using System.Text.Json.Serialization;

namespace Archive.Api.Contracts;

public enum ChangeType
{
    Upsert,
    Delete,
}

/// <summary>One change (§9): an upsert carries the post as <c>/api/posts</c> serves it; a delete, the id to remove.</summary>
public sealed record ChangeItem(ChangeType Type)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PostSummary? Post { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; init; }
}

/// <summary>A page of <c>/api/changes</c>: apply the items in order, keep <c>nextToken</c>, and read again while <c>hasMore</c>.</summary>
public sealed record ChangeList(IReadOnlyList<ChangeItem> Items, string NextToken, bool HasMore);
