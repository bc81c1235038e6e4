namespace Archive.Api.Contracts;

public sealed record PostSource(string Blob, string ContentHash, DateTimeOffset IngestedAt);
