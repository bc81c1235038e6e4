namespace Archive.Core.Contract;

public sealed record ThemeRef(string Slug, string Name);
