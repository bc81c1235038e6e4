namespace Archive.Api.Contracts;

/// <summary>The counts the front matter declared (§3), served beside the computed ones.</summary>
public sealed record DeclaredCounts(int? WordCount, int? ReadingTime);
