namespace Archive.Core.Stored;

public sealed record StoredTheme(string Slug, string Name);
