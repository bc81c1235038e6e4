using Archive.Storage.Tables;

namespace Archive.Storage.Changes;

/// <summary>What <see cref="ChangeLog.ReadAsync"/> found: entries oldest first, the token to go on from, and whether more are waiting.</summary>
public sealed record ChangePage(IReadOnlyList<ChangeEntity> Entries, ChangeToken Next, bool HasMore);

/// <summary>A token that cannot be honoured: the changes it needs are no longer kept, or the store was reset since.</summary>
public sealed class ChangeTokenExpiredException(string message) : Exception(message);
