using System.Globalization;
using System.Text;
using Archive.Core.Text;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace Archive.Search;

/// <summary>
/// Words as search sees them (contract §8): runs of letters and digits (so an apostrophe or a
/// hyphen inside a word splits it), each CJK character a word of its own; each matched by its
/// term: lower case, accents folded, and stemmed with Snowball's English stemmer (Porter2), so
/// that a word matches its plural and simple inflections (<c>pacts</c> → <c>pact</c>).
/// </summary>
public static class SearchWords
{
    /// <summary>A word of a text: where it is, and its term.</summary>
    public readonly record struct Word(int Start, int Length, string Term);

    /// <summary>Every word of <paramref name="text"/>, in order.</summary>
    public static List<Word> Of(string text)
    {
        var words = new List<Word>();
        var stemmer = new EnglishStemmer();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var codePoint = 0;
            var width = 1;
            if (i < text.Length)
            {
                codePoint = char.IsSurrogatePair(text, i) ? char.ConvertToUtf32(text[i], text[i + 1]) : text[i];
                width = codePoint > 0xFFFF ? 2 : 1;
            }

            var cjk = i < text.Length && WordCounter.IsCjk(codePoint);
            var inWord = i < text.Length && !cjk && IsWordCharacter(text, i);
            if (!inWord && start >= 0)
            {
                words.Add(Make(text, start, i - start, stemmer, cjk: false));
                start = -1;
            }

            if (cjk)
            {
                words.Add(Make(text, i, width, stemmer, cjk: true));
            }
            else if (inWord && start < 0)
            {
                start = i;
            }

            i += width - 1;
        }

        return words;
    }

    /// <summary>The term of one word as written (folded, lower case, stemmed).</summary>
    public static string Term(string word) => Make(word, 0, word.Length, new EnglishStemmer(), cjk: false).Term;

    // A text's words repeat: each distinct word is folded and stemmed once per process (bounded, then no longer kept).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Terms = new(StringComparer.Ordinal);
    // Looked up by the word's span: a word seen before costs no new string (indexing and related posts split every text).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> TermsBySpan =
        Terms.GetAlternateLookup<ReadOnlySpan<char>>();

    private const int MostTermsKept = 200_000;

    private static Word Make(string text, int start, int length, EnglishStemmer stemmer, bool cjk)
    {
        if (TermsBySpan.TryGetValue(text.AsSpan(start, length), out var known))
        {
            return new Word(start, length, known);
        }

        var written = text.Substring(start, length);

        var folded = AccentFolding.Fold(written);
        var term = folded;
        if (!cjk && folded.Length >= 3 && folded.All(char.IsAsciiLetterLower))
        {
            stemmer.SetCurrent(folded);
            stemmer.Stem();
            term = stemmer.Current;
        }

        if (Terms.Count < MostTermsKept)
        {
            Terms.TryAdd(written, term);
        }

        return new Word(start, length, term);
    }

    /// <summary>Letters (any script), digits and the marks that belong to them.</summary>
    private static bool IsWordCharacter(string text, int index) => char.IsAscii(text[index])
        ? char.IsAsciiLetterOrDigit(text[index])
        : CharUnicodeInfo.GetUnicodeCategory(text, index) is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
        or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
}
