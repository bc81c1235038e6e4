using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Archive.Search;

/// <summary>Lucene analysis by <see cref="SearchWords"/>, so that the index, the queries and the snippets split and fold words alike.</summary>
public sealed class SearchAnalyzer : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader) => new(new WordTokenizer(reader));

    private sealed class WordTokenizer : Tokenizer
    {
        private readonly ICharTermAttribute term;
        private readonly IOffsetAttribute offset;
        private List<SearchWords.Word> words = [];
        private int next;
        private int length;

        public WordTokenizer(TextReader input)
            : base(input)
        {
            term = AddAttribute<ICharTermAttribute>();
            offset = AddAttribute<IOffsetAttribute>();
        }

        public override bool IncrementToken()
        {
            ClearAttributes();
            if (next >= words.Count)
            {
                return false;
            }

            var word = words[next++];
            term.SetEmpty().Append(word.Term);
            offset.SetOffset(CorrectOffset(word.Start), CorrectOffset(word.Start + word.Length));
            return true;
        }

        public override void Reset()
        {
            base.Reset();
            var text = m_input.ReadToEnd();
            length = text.Length;
            words = SearchWords.Of(text);
            next = 0;
        }

        public override void End()
        {
            base.End();
            offset.SetOffset(CorrectOffset(length), CorrectOffset(length));
        }
    }
}
