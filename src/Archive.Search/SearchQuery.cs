namespace Archive.Search;

/// <summary>
/// A parsed <c>q</c> (contract §8): every group must match (a group is one term, or a phrase: a
/// <c>"quoted run"</c>, a word an apostrophe or hyphen splits, a run of CJK characters), and no
/// excluded group (<c>-word</c>, <c>-"a phrase"</c>) may.
/// </summary>
public sealed record SearchQuery(IReadOnlyList<string[]> Required, IReadOnlyList<string[]> Excluded)
{
    public const int MaxLength = 200;

    /// <summary>Every term a match can show (what a snippet marks).</summary>
    public IReadOnlySet<string> Terms { get; } = Required.SelectMany(g => g).ToHashSet(StringComparer.Ordinal);

    /// <summary>The query, or null with the reason it is a 400.</summary>
    public static SearchQuery? Parse(string q, out string? error)
    {
        error = null;
        if (q.Length is 0 or > MaxLength)
        {
            error = $"q must hold 1 to {MaxLength} characters";
            return null;
        }

        var required = new List<string[]>();
        var excluded = new List<string[]>();
        var i = 0;
        while (i < q.Length)
        {
            if (char.IsWhiteSpace(q[i]))
            {
                i++;
                continue;
            }

            var exclude = q[i] == '-' && i + 1 < q.Length && !char.IsWhiteSpace(q[i + 1]);
            var start = exclude ? i + 1 : i;
            string chunk;
            if (q[start] == '"')
            {
                var close = q.IndexOf('"', start + 1);
                var end = close < 0 ? q.Length : close;
                chunk = q[(start + 1)..end];
                i = close < 0 ? q.Length : close + 1;
            }
            else
            {
                var end = start;
                while (end < q.Length && !char.IsWhiteSpace(q[end]) && q[end] != '"')
                {
                    end++;
                }

                chunk = q[start..end];
                i = end;
            }

            var terms = SearchWords.Of(chunk).Select(w => w.Term).ToArray();
            if (terms.Length > 0)
            {
                (exclude ? excluded : required).Add(terms);
            }
        }

        if (required.Count == 0)
        {
            error = "q has no word to match (only exclusions or punctuation)";
            return null;
        }

        return new SearchQuery(required, excluded);
    }
}
