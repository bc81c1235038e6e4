namespace Archive.Testing;

/// <summary>Markdown posts for tests.</summary>
public static class Posts
{
    public static string Make(string id, string title, string? date = null, string theme = "Testing", int words = 10, string? extra = null)
    {
        var body = string.Join(' ', Enumerable.Range(0, words).Select(i => $"w{i}"));
        return $"---\ntitle: \"{title}\"\nthread_id: {id}\nprimary_theme: {theme}\n" +
            (date is null ? string.Empty : $"date: {date}\n") + (extra ?? string.Empty) + $"---\n\n# {title}\n\n{body}\n";
    }
}
