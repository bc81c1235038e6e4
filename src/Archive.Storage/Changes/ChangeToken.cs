using Archive.Storage.Tables;
using Archive.Storage.Totals;

namespace Archive.Storage.Changes;

/// <summary>
/// Where a syncing client is in the change log: per shard, the version it has every change up to
/// (<see cref="Versions"/>) and the first characters of that shard's generation (a store reset
/// gives new ones); and, when the last page was cut short, the key of its last entry. The API
/// hands it to clients opaque and signed (<c>Archive.Api.Tokens.ChangeTokens</c>).
/// </summary>
public sealed record ChangeToken(long[] Versions, string[] Generations, string? Cut)
{
    private const int GenerationLength = 6;

    /// <summary>Before every change: the whole archive as upserts.</summary>
    public static ChangeToken Beginning { get; } = new(new long[TotalsShards.Count], [.. Enumerable.Repeat(string.Empty, TotalsShards.Count)], null);

    /// <summary>The last entry of <paramref name="shard"/> a client holding this token has (a key between entries).</summary>
    public string Position(int shard)
    {
        var through = RowKeys.ChangesThrough(Versions[shard], shard);
        return Cut is not null && string.CompareOrdinal(Cut, through) < 0 ? Cut : through;
    }

    /// <summary>The position at the end of everything <paramref name="totals"/> count: each shard's version and generation.</summary>
    public static ChangeToken Of(TotalsSnapshot totals) => Of(totals.Heads);

    /// <summary>The position at the end of every shard's <paramref name="heads"/>.</summary>
    public static ChangeToken Of(IReadOnlyDictionary<int, ShardHead> heads)
    {
        var versions = new long[TotalsShards.Count];
        var generations = new string[TotalsShards.Count];
        for (var shard = 0; shard < TotalsShards.Count; shard++)
        {
            var head = heads.GetValueOrDefault(shard);
            versions[shard] = head?.Version ?? 0;
            generations[shard] = head?.Generation is { Length: > 0 } generation ? generation[..Math.Min(GenerationLength, generation.Length)] : string.Empty;
        }

        return new ChangeToken(versions, generations, null);
    }

    /// <summary>Both name the same version of every shard, of the same generation.</summary>
    public bool SameVersions(ChangeToken other) => Versions.SequenceEqual(other.Versions) && Generations.SequenceEqual(other.Generations);
}
