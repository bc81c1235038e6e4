using Archive.Core.Contract;

namespace Archive.Storage.Reading;

public sealed record PostPage(IReadOnlyList<PostSummary> Items, string? NextCursor);
