using Archive.Storage.Tables;

namespace Archive.Storage.Reading;

/// <summary>A validated <c>/api/posts</c> query. Dates bound instants: <see cref="FromTicks"/> inclusive, <see cref="ToTicks"/> exclusive.</summary>
public sealed record PostListQuery(ListSort Sort, string? Theme, long? FromTicks, long? ToTicks, int Limit, string? Cursor)
{
    /// <summary>Only posts with a tag of this key (§8).</summary>
    public string? Tag { get; init; }

    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public string Scope => Theme ?? RowKeys.AllScope;

    public bool HasDateFilter => FromTicks is not null || ToTicks is not null;

    /// <summary>What a cursor is bound to: a cursor from another query is not accepted here.</summary>
    public string Fingerprint => $"{(char)Sort}|{Scope}|{FromTicks}|{ToTicks}|{Tag}";
}
