using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Archive.Search;

/// <summary>
/// Searches made only of common words (each in at least one post in <see cref="CommonShare"/>),
/// answered from each word's score in every post, kept per index view once Lucene has computed it.
/// Such words match most posts, so Lucene would score thousands of posts in four fields for every
/// new combination of them (10–15 ms for three); here a combination costs one pass over the posts,
/// adding the words' scores: the same BM25 scores, as the query's score is the sum of its groups'.
/// Kept within <see cref="MostScores"/> floats in all; past that, searches go to Lucene.
/// </summary>
internal sealed class CommonTermScores(IndexSearcher searcher, IndexReader index, Func<int, string> keyOf, Func<string, Query> anyField)
{
    private const int CommonShare = 20;
    private const long MostScores = 4_000_000;

    private readonly ConcurrentDictionary<string, Lazy<float[]>> scores = new(StringComparer.Ordinal);
    private readonly Lazy<long[]> dates = new(() => DatesOf(index));

    /// <summary>
    /// The best <paramref name="count"/> posts (score, then newest, then id) matching every term of
    /// <paramref name="terms"/>, best first, and how many match; false when a term is not common
    /// enough, or no more scores may be kept.
    /// </summary>
    public bool TrySearch(IReadOnlyList<string> terms, int count, out ScoreDoc[] best, out int total)
    {
        best = [];
        total = 0;
        var perTerm = new float[terms.Count][];
        for (var i = 0; i < terms.Count; i++)
        {
            if (ScoresOf(terms[i]) is not { } known)
            {
                return false;
            }

            perTerm[i] = known;
        }

        var top = new PriorityQueue<int, (float Score, long Date, string Key)>(count + 1, WorstFirst.Instance);
        for (var doc = 0; doc < index.MaxDoc; doc++)
        {
            var score = 0f;
            var all = true;
            foreach (var known in perTerm)
            {
                if (known[doc] == 0f)
                {
                    all = false;
                    break;
                }

                score += known[doc];
            }

            if (!all)
            {
                continue;
            }

            total++;
            if (top.Count < count || top.TryPeek(out _, out var worst) && score >= worst.Score)
            {
                top.Enqueue(doc, (score, dates.Value[doc], keyOf(doc)));
                if (top.Count > count)
                {
                    top.Dequeue();
                }
            }
        }

        best = new ScoreDoc[top.Count];
        for (var i = best.Length - 1; i >= 0; i--)
        {
            top.TryDequeue(out var doc, out var rank);
            best[i] = new ScoreDoc(doc, rank.Score);
        }

        return true;
    }

    /// <summary>The term's score in every post (0 where it does not occur), or null when it is not common or the budget is spent.</summary>
    private float[]? ScoresOf(string term)
    {
        if (scores.TryGetValue(term, out var known))
        {
            return known.Value;
        }

        if (index.DocFreq(new Term("text", term)) * CommonShare < index.NumDocs || (long)(scores.Count + 1) * index.MaxDoc > MostScores)
        {
            return null;
        }

        return scores.GetOrAdd(term, t => new Lazy<float[]>(() =>
        {
            var all = new float[index.MaxDoc];
            searcher.Search(anyField(t), new Into(all));
            return all;
        })).Value;
    }

    private static long[] DatesOf(IndexReader index)
    {
        var all = new long[index.MaxDoc];
        foreach (var leaf in index.Leaves)
        {
            var values = FieldCache.DEFAULT.GetInt64s(leaf.AtomicReader, "date", false);
            for (var doc = 0; doc < leaf.AtomicReader.MaxDoc; doc++)
            {
                all[leaf.DocBase + doc] = values.Get(doc);
            }
        }

        return all;
    }

    /// <summary>Lowest score first; among equal scores the oldest, then the greatest id: the order Lucene's sort would drop them in.</summary>
    private sealed class WorstFirst : IComparer<(float Score, long Date, string Key)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((float Score, long Date, string Key) a, (float Score, long Date, string Key) b)
        {
            var byScore = a.Score.CompareTo(b.Score);
            if (byScore != 0)
            {
                return byScore;
            }

            var byDate = a.Date.CompareTo(b.Date);
            return byDate != 0 ? byDate : string.CompareOrdinal(b.Key, a.Key);
        }
    }

    /// <summary>Writes each matching post's score at its place in the whole index.</summary>
    private sealed class Into(float[] all) : ICollector
    {
        private Scorer? scorer;
        private int docBase;

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer) => this.scorer = scorer;

        public void SetNextReader(AtomicReaderContext context) => docBase = context.DocBase;

        public void Collect(int doc) => all[docBase + doc] = scorer!.GetScore();
    }
}
