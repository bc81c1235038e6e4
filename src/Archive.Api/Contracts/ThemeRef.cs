namespace Archive.Api.Contracts;

public sealed record ThemeRef(string Slug, string Name);
