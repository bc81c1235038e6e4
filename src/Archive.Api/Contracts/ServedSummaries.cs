using Archive.Core.Stored;
using Archive.Storage.Totals;

namespace Archive.Api.Contracts;

public static class ServedSummaries
{
    /// <summary>A stored summary as the API serves it, with its theme's current display name (§1).</summary>
    public static PostSummary Served(this TotalsSnapshot snapshot, StoredSummary stored) => PostSummary.From(snapshot.WithThemeName(stored));
}
