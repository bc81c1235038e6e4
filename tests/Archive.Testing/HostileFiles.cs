using System.Text;

namespace Archive.Testing;

/// <summary>
/// Files made to hurt a parser: every row of the hostile-input issue and their neighbours. Each
/// says what must become of it: a rejection whose reason holds <see cref="HostileFile.Expect"/>, or a
/// post (with a warning holding it, when one is expected). The parser tests, the ingestion tests
/// against Azurite and <c>bench/hostile.sh</c> all read this one list.
/// </summary>
public static class HostileFiles
{
    public static IReadOnlyList<HostileFile> All { get; } = Build();

    private static List<HostileFile> Build()
    {
        var files = new List<HostileFile>
        {
            Rejected("yaml-deep-brackets", Post("x: " + R("[", 50_000) + R("]", 50_000)), "nested more than"),
            Rejected("yaml-deep-braces", Post("x: " + R("{a: ", 50_000) + R("}", 50_000)), "nested more than"),
            Rejected("yaml-deep-block", Post("x:\n" + string.Concat(Enumerable.Range(1, 70).Select(i => new string(' ', i) + "k:\n")) + new string(' ', 71) + "v"), "nested more than"),
            Rejected("yaml-self-alias", Post("a: &a [*a, *a]"), "front matter"),
            Rejected("yaml-billion-laughs", Post(BillionLaughs(9, 10)), "expands to more than"),
            Rejected("yaml-ten-million", Post(BillionLaughs(7, 10)), "expands to more than"),
            Rejected("yaml-alias-characters", Post("a: &a " + R("x", 50_000) + "\nb: [" + string.Join(", ", Enumerable.Repeat("*a", 100)) + "]"), "characters"),
            Rejected("yaml-complex-key", Post("? [a, b]\n: c"), "field names must be text"),
            Rejected("markdown-deep-emphasis", Post(null, R("*", 50_000) + "x" + R("*", 50_000)), "nested"),
            Rejected("markdown-deep-quotes", Post(null, R(">", 50_000) + " x"), "nested"),
            Rejected("markdown-deep-lists", Post(null, R("- ", 50_000) + "x"), "nested"),
            Rejected("markdown-deep-brackets", Post(null, R("[", 100_000)), "nested"),
            Rejected("markdown-emphasis-run", Post(null, R("*a* ", 100_000)), "nested"),
            Rejected("markdown-headings", Post(null, R("# a\n", 10_000)), "headings"),
            Rejected("markdown-setext-headings", Post(null, R("a\n=\n", 10_000)), "headings"),
            Rejected("markdown-open-links", Post(null, R("[a](", 40_000)), "too many links"),
            Rejected("markdown-open-links-large", Post(null, R("[a](", 100_000)), "too many links"),
            Rejected("markdown-bare-urls", Post(null, R("http://a.b ", 40_000)), "too many links"),
            Rejected("theme-long", Post("primary_theme: " + R("t", 509)), "'primary_theme' is 509 characters"),
            Rejected("theme-480", Post("primary_theme: " + R("th ", 160)), "'primary_theme' is"),
            Rejected("description-long", Post("description: " + R("d", 7_000)), "'description' is 7000 characters"),
            Rejected("title-long", Post("title: " + R("t", 400), title: null), "'title' is 400 characters"),
            Rejected("tags-many", Post("tags: [" + string.Join(", ", Enumerable.Range(0, 40).Select(i => "t" + i)) + "]"), "40 tags"),
            Rejected("tag-long", Post("tags: [" + R("g", 61) + "]"), "'tags' is 61 characters"),
            // Emoji are written as surrogate escapes (12 characters each) in stored JSON: within each field's limit, over the stored summary's.
            Rejected("summary-large", Post("description: \"" + R("🧵", 900) + "\"\ntags: [" + string.Join(", ", Enumerable.Range(0, 30).Select(i => R("🧵", 27))) + "]"), "as stored"),
            Rejected("date-long", Post("date: " + R("9", 101)), "'date' is 101 characters"),
            Accepted("utf16-le-bom", Encode(new UnicodeEncoding(false, true), Post("title: Wide", title: null)), null, "Wide"),
            Accepted("utf16-be-bom", Encode(new UnicodeEncoding(true, true), Post("title: Wide", title: null)), null, "Wide"),
            Accepted("utf32-le-bom", Encode(new UTF32Encoding(false, true), Post("title: Wider", title: null)), null, "Wider"),
            Accepted("utf32-be-bom", Encode(new UTF32Encoding(true, true), Post("title: Wider", title: null)), null, "Wider"),
            Accepted("double-bom", [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Post("title: Twice", title: null))], null, "Twice"),
            Accepted("date-list", Utf8(Post("date: [2024-01-01]")), "'date' must be a single value"),
            Accepted("id-mapping", Utf8(Post("thread_id: {a: b}")), "'thread_id' must be a single value"),
            Accepted("theme-list", Utf8(Post("primary_theme: [a, b]")), "'primary_theme' must be a single value"),
            Accepted("description-list", Utf8(Post("description: [a]")), "'description' must be a single value"),
            Accepted("draft-mapping", Utf8(Post("draft: {a: b}")), "'draft' must be a single value"),
            Accepted("control-characters", Utf8(Post("title: \"Bell\\a and \\0 nul\\x1b\"", title: null)), "control characters were removed from 'title'", "Bell and  nul"),
            Accepted("script-title", Utf8(Post("title: \"<script>alert(1)</script>\"", title: null)), null, "<script>alert(1)</script>"),
        };
        return files;
    }

    /// <summary>A post whose front matter has a title and these lines (none: the title alone), and this body.</summary>
    private static string Post(string? frontMatter, string body = "Some body text.", string? title = "Hostile") =>
        $"---\n{(title is null ? string.Empty : $"title: {title}\n")}{(frontMatter is null ? string.Empty : frontMatter + "\n")}---\n\n{body}\n";

    /// <summary>Nine (or more) levels of ten aliases each: 10^levels values from a few hundred bytes.</summary>
    private static string BillionLaughs(int levels, int fanOut)
    {
        var yaml = new StringBuilder("l0: &l0 lol\n");
        for (var level = 1; level <= levels; level++)
        {
            yaml.Append(System.Globalization.CultureInfo.InvariantCulture, $"l{level}: &l{level} [");
            yaml.AppendJoin(", ", Enumerable.Repeat($"*l{level - 1}", fanOut));
            yaml.Append("]\n");
        }

        return yaml.ToString().TrimEnd();
    }

    private static HostileFile Rejected(string name, string text, string reason) => new(name, Utf8(text), reason, Accepted: false);

    private static HostileFile Accepted(string name, byte[] bytes, string? warning, string? title = null) =>
        new(name, bytes, warning, Accepted: true, Title: title);

    private static string R(string text, int times) => new StringBuilder(text.Length * times).Insert(0, text, times).ToString();

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Encode(Encoding encoding, string text) => [.. encoding.GetPreamble(), .. encoding.GetBytes(text)];
}

/// <param name="Expect">For a rejection, what its reason holds; for a post, what one of its warnings holds (null: none expected).</param>
/// <param name="Title">For a post, the title it must have.</param>
public sealed record HostileFile(string Name, byte[] Bytes, string? Expect, bool Accepted, string? Title = null)
{
    public string BlobName => Name + ".md";

    public override string ToString() => Name;
}
