namespace Archive.Core.Contract;

public sealed record PostSource(string Blob, string ContentHash, DateTimeOffset IngestedAt);
