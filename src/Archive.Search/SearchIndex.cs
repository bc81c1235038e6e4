using Archive.Search.Sources;
using Archive.Storage.Reading;
using Archive.Storage.Totals;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Extensions.Logging;

namespace Archive.Search;

/// <summary>
/// Full-text search, related posts and theme suggestions (contract §8) over an index each
/// instance keeps in memory (Lucene, BM25). It follows the catalog: when a request brings a newer
/// catalog (which follows the change log), the posts that changed are read (their content blob,
/// once) and re-indexed, the ones gone are dropped. docs/search.md has the design and its costs.
/// </summary>
public sealed class SearchIndex(IPostTexts texts, SearchSnapshot snapshot, ILogger<SearchIndex> logger) : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const int Parallelism = 16;

    /// <summary>An update that had to read this many posts' content saves the index for the next cold instance.</summary>
    private const int SnapshotAfterReads = 100;
    private static readonly (string Field, float Boost)[] Fields = [("title", 3f), ("tags", 1.5f), ("description", 1.2f), ("text", 1f)];
    private static readonly FieldType Analyzed = TextField.TYPE_NOT_STORED;

    // Where each word of the text is, so a snippet finds its matches in the index instead of splitting the text again.
    private static readonly FieldType AnalyzedWithOffsets = Frozen(new FieldType(TextField.TYPE_NOT_STORED) { IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS });

    private readonly SearchAnalyzer analyzer = new();
    // On local disk, not in the managed heap: the OS caches what searches read (docs/search.md, memory).
    private readonly string folder = Path.Combine(Path.GetTempPath(), "archive-search", $"{Environment.ProcessId}-{Guid.NewGuid():N}");
    private readonly SemaphoreSlim updating = new(1, 1);
    // Each indexed post's version; its text is kept only in the index (a compressed stored field).
    private readonly Dictionary<string, string> indexed = new(StringComparer.Ordinal);
    private FSDirectory? directory;
    private IndexWriter? writer;
    private volatile View? view;

    /// <summary>The index as of <paramref name="catalog"/> (brought up to date first when the catalog moved).</summary>
    public async Task<View> ViewAsync(PostCatalog catalog, CancellationToken cancellationToken)
    {
        if (view is { } current && ReferenceEquals(current.Catalog, catalog))
        {
            return current;
        }

        await updating.WaitAsync(cancellationToken);
        try
        {
            if (view is { } done && ReferenceEquals(done.Catalog, catalog))
            {
                return done;
            }

            var previous = view;
            view = await UpdateAsync(catalog, cancellationToken);
            previous?.Retire();
            return view;
        }
        finally
        {
            updating.Release();
        }
    }

    public void Dispose()
    {
        writer?.Dispose();
        directory?.Dispose();
        analyzer.Dispose();
        updating.Dispose();
        try
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A reader still open on a file (Windows): the temp folder is the OS's to clear.
        }
    }

    /// <summary>
    /// The writer over this instance's folder: the saved index when there is one it can open (its
    /// posts' versions become what is indexed), else an empty index.
    /// </summary>
    private async Task<IndexWriter> OpenAsync(CancellationToken cancellationToken)
    {
        RemoveFoldersOfEndedProcesses();
        System.IO.Directory.CreateDirectory(folder);
        var saved = await snapshot.RestoreAsync(folder, cancellationToken);
        directory = new MMapDirectory(new DirectoryInfo(folder));
        if (saved is not null)
        {
            try
            {
                var restored = new IndexWriter(directory, Config(OpenMode.APPEND));
                foreach (var (key, version) in saved)
                {
                    indexed[key] = version;
                }

                return restored;
            }
            catch (IOException error)
            {
                logger.LogWarning(error, "The saved search index could not be opened; the index is built from the posts' content");
                SearchSnapshot.Empty(folder);
            }
        }

        return new IndexWriter(directory, Config(OpenMode.CREATE));
    }

    /// <summary>A process that ended without disposing (killed, crashed) leaves its folder: the next one to start clears it.</summary>
    private void RemoveFoldersOfEndedProcesses()
    {
        var parent = Path.GetDirectoryName(folder)!;
        if (!System.IO.Directory.Exists(parent))
        {
            return;
        }

        foreach (var other in System.IO.Directory.EnumerateDirectories(parent))
        {
            var name = Path.GetFileName(other);
            if (int.TryParse(name.Split('-')[0], out var pid) && pid != Environment.ProcessId && !IsRunning(pid))
            {
                try
                {
                    System.IO.Directory.Delete(other, recursive: true);
                }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException)
                {
                    logger.LogDebug(error, "Could not remove {Folder}", other);
                }
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private IndexWriterConfig Config(OpenMode mode) => new(Version, analyzer) { Similarity = new BM25Similarity(), OpenMode = mode };

    private async Task<View> UpdateAsync(PostCatalog catalog, CancellationToken cancellationToken)
    {
        writer ??= await OpenAsync(cancellationToken);
        var changed = catalog.Posts.Where(p => !indexed.TryGetValue(p.Key, out var known) || known != p.VersionTag).ToList();
        var gone = indexed.Keys.Where(key => catalog.Find(key) is null).ToList();
        foreach (var key in gone)
        {
            writer.DeleteDocuments(new Term("key", key));
            indexed.Remove(key);
        }

        var read = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(changed, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (post, ct) =>
        {
            if (await texts.TextAsync(post, ct) is { } text)
            {
                read[post.Key] = text;
            }
        });

        foreach (var post in changed)
        {
            if (read.TryGetValue(post.Key, out var text))
            {
                writer.UpdateDocument(new Term("key", post.Key), Document(post, text));
                indexed[post.Key] = post.VersionTag;
            }
        }

        if (changed.Count + gone.Count > 0)
        {
            logger.LogDebug("Search index: {Changed} posts indexed, {Gone} dropped; {Count} in all", changed.Count, gone.Count, indexed.Count);
        }

        if (changed.Count >= SnapshotAfterReads)
        {
            // Most of the index just written (the first build): one segment, so that each search looks each
            // term up once per field, not once per segment. Smaller updates leave merging to Lucene's policy,
            // so a large archive is not rewritten whole for every hundred posts uploaded.
            if (changed.Count * 2 >= indexed.Count)
            {
                writer.ForceMerge(1);
            }

            SaveInBackground(writer);
        }

        return new View(catalog, DirectoryReader.Open(writer, applyAllDeletes: true));
    }

    /// <summary>
    /// Commits and saves the commit for the next cold instance. The commit's files are opened here,
    /// under the update lock, so a later merge that deletes them cannot pull them from under the upload.
    /// </summary>
    private void SaveInBackground(IndexWriter current)
    {
        var files = new List<(string Name, Stream Content)>();
        try
        {
            current.Commit();
            foreach (var name in DirectoryReader.ListCommits(directory).Last().FileNames)
            {
                files.Add((name, new FileStream(Path.Combine(folder, name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete)));
            }
        }
        catch (IOException error)
        {
            // Saving is for the next cold instance; this search goes on without it.
            logger.LogWarning(error, "The search index could not be committed for saving");
            files.ForEach(f => f.Content.Dispose());
            return;
        }

        var versions = new Dictionary<string, string>(indexed, StringComparer.Ordinal);
        Saving = Task.Run(async () =>
        {
            try
            {
                await snapshot.WriteAsync(files, versions, CancellationToken.None);
            }
            catch (Exception error)
            {
                logger.LogWarning(error, "The search index could not be saved; cold instances read every post's content");
            }
            finally
            {
                foreach (var (_, content) in files)
                {
                    await content.DisposeAsync();
                }
            }
        }, CancellationToken.None);
    }

    /// <summary>The last save in the background, done when the saved copy and the removal of earlier layouts' are (it never fails).</summary>
    public Task Saving { get; private set; } = Task.CompletedTask;

    private static readonly System.Globalization.CultureInfo Invariant = System.Globalization.CultureInfo.InvariantCulture;

    private static Document Document(IndexedPost post, string text)
    {
        var summary = post.Summary;
        var document = new Document
        {
            new StringField("key", post.Key, Field.Store.YES),
            new StringField("theme", summary.Theme.Slug, Field.Store.YES),
            new Field("title", summary.Title, Analyzed),
            new Field("description", summary.Description, Analyzed),
            new Field("text", text, AnalyzedWithOffsets),
            new BinaryDocValuesField("body", new BytesRef(CompressedText.Compress(text))),
        };
        foreach (var tag in post.TagKeys)
        {
            document.Add(new StringField("tag", tag, Field.Store.NO));
        }

        foreach (var tag in summary.Tags)
        {
            document.Add(new Field("tags", tag, Analyzed));
        }

        // Newest first among equal scores; posts without a date last.
        document.Add(new Int64Field("date", post.DateTicks ?? long.MinValue, Field.Store.NO));
        if (summary.Date is { Length: >= 4 } date)
        {
            document.Add(new StringField("year", date[..4], Field.Store.NO));
        }

        return document;
    }

    private static FieldType Frozen(FieldType type)
    {
        type.Freeze();
        return type;
    }

    /// <summary>The index as of one catalog: searches, related posts and suggestions read it without storage.</summary>
    public sealed class View(PostCatalog catalog, DirectoryReader index)
    {
        private static readonly Sort BestFirst = new(SortField.FIELD_SCORE, new SortField("date", SortFieldType.INT64, true), new SortField("key", SortFieldType.STRING));
        private readonly IndexSearcher searcher = new(index) { Similarity = new BM25Similarity() };
        private readonly Lazy<string[]> keys = new(() =>
            [.. Enumerable.Range(0, index.MaxDoc).Select(doc => index.Document(doc)?.Get("key", Invariant) ?? string.Empty)]);

        private CommonTermScores? common;

        public PostCatalog Catalog { get; } = catalog;

        private CommonTermScores Common => LazyInitializer.EnsureInitialized(ref common, () => new CommonTermScores(searcher, index, doc => keys.Value[doc], term => AnyField([term])));

        /// <summary>
        /// The posts matching <paramref name="query"/> and the filters ranked <paramref name="skip"/>
        /// to <paramref name="skip"/> + <paramref name="take"/> (best first: score, then newest,
        /// then id), and how many match in all. Lucene ranks only as far as the page reaches.
        /// </summary>
        public (List<Hit> Page, int Total) Search(SearchQuery query, string? theme, string? tag, int? year, int skip, int take)
        {
            if (theme is null && tag is null && year is null && query.Excluded.Count == 0 && query.Required.All(g => g.Length == 1)
                && Common.TrySearch([.. query.Required.Select(g => g[0])], Math.Max(1, skip + take), out var best, out var matching))
            {
                return (Ranked(best.Skip(skip).ToArray()), matching);
            }

            var all = new BooleanQuery();
            foreach (var group in query.Required)
            {
                all.Add(AnyField(group), Occur.MUST);
            }

            foreach (var group in query.Excluded)
            {
                all.Add(AnyField(group), Occur.MUST_NOT);
            }

            AddFilter(all, "theme", theme);
            AddFilter(all, "tag", tag);
            AddFilter(all, "year", year?.ToString("D4", System.Globalization.CultureInfo.InvariantCulture));
            var top = searcher.Search(all, null, Math.Max(1, skip + take), BestFirst, doDocScores: true, doMaxScore: false);
            return (Ranked(top.ScoreDocs.Skip(skip).ToArray()), top.TotalHits);
        }

        /// <summary>Up to <paramref name="count"/> other posts most like <paramref name="post"/> in their text, title and tags (Lucene's MoreLikeThis), none of theme <paramref name="exceptTheme"/>.</summary>
        public List<Hit> Related(IndexedPost post, int count, string? exceptTheme = null)
        {
            if (DocOf(post.Key) is not { } doc)
            {
                return [];
            }

            // The post's own words (no term vectors are kept: its text is one stored field away).
            var words = $"{post.Summary.Title}\n{string.Join('\n', post.Summary.Tags)}\n{TextOf(doc)}";
            var query = new BooleanQuery { { RelatedTerms.Query(index, words), Occur.MUST }, { new TermQuery(new Term("key", post.Key)), Occur.MUST_NOT } };
            if (exceptTheme is not null)
            {
                query.Add(new TermQuery(new Term("theme", exceptTheme)), Occur.MUST_NOT);
            }

            return Ranked(searcher.Search(query, count).ScoreDocs);
        }

        /// <summary>
        /// Each found post's snippet (in the order of <paramref name="hits"/>): its counted text around
        /// the words whose terms are in <paramref name="terms"/>, found by their offsets in the index
        /// (each term looked up once per segment); null for a post whose text has none of them.
        /// </summary>
        public List<string?> SnippetsOf(IReadOnlyList<Hit> hits, IReadOnlySet<string> terms)
        {
            var matches = hits.ToDictionary(h => h.Doc, _ => new List<SearchWords.Word>());
            foreach (var leaf in index.Leaves)
            {
                var docs = hits.Select(h => h.Doc - leaf.DocBase).Where(d => d >= 0 && d < leaf.AtomicReader.MaxDoc).Order().ToArray();
                if (docs.Length == 0 || leaf.AtomicReader.GetTerms("text")?.GetEnumerator() is not { } enumerator)
                {
                    continue;
                }

                DocsAndPositionsEnum? positions = null;
                foreach (var term in terms)
                {
                    if (!enumerator.SeekExact(new BytesRef(term)))
                    {
                        continue;
                    }

                    positions = enumerator.DocsAndPositions(null, positions, DocsAndPositionsFlags.OFFSETS);
                    foreach (var doc in docs)
                    {
                        if (positions is null || (positions.DocID < doc && positions.Advance(doc) == DocIdSetIterator.NO_MORE_DOCS))
                        {
                            break;
                        }

                        if (positions.DocID != doc)
                        {
                            continue;
                        }

                        var words = matches[doc + leaf.DocBase];
                        for (var i = 0; i < positions.Freq; i++)
                        {
                            positions.NextPosition();
                            words.Add(new SearchWords.Word(positions.StartOffset, positions.EndOffset - positions.StartOffset, term));
                        }
                    }
                }
            }

            return [.. hits.Select(h => TextOf(h.Doc) is { } text ? Snippet.Of(text, [.. matches[h.Doc].OrderBy(w => w.Start)]) : null)];
        }

        /// <summary>A post's counted text, from the index (what its snippet is cut from).</summary>
        private string? TextOf(int doc)
        {
            var leaf = index.Leaves[ReaderUtil.SubIndex(doc, index.Leaves)];
            if (leaf.AtomicReader.GetBinaryDocValues("body") is not { } values)
            {
                return null;
            }

            var compressed = new BytesRef();
            values.Get(doc - leaf.DocBase, compressed);
            return CompressedText.Decompress(compressed.Bytes.AsSpan(compressed.Offset, compressed.Length));
        }

        /// <summary>
        /// Closes this view's reader once searches that began on it are surely done, so the writer can
        /// drop segments merged away since (an open near-real-time reader keeps them).
        /// </summary>
        public void Retire() => _ = Task.Delay(TimeSpan.FromSeconds(30)).ContinueWith(_ => index.Dispose(), TaskScheduler.Default);

        private int? DocOf(string key)
        {
            var top = searcher.Search(new TermQuery(new Term("key", key)), 1);
            return top.TotalHits > 0 ? top.ScoreDocs[0].Doc : null;
        }

        private List<Hit> Ranked(ScoreDoc[] found) =>
            [.. found
                .Select(d => (d.Doc, d.Score, Post: Catalog.Find(keys.Value[d.Doc])))
                .Where(h => h.Post is not null)
                .Select(h => new Hit(h.Post!, h.Score, h.Doc))
                .Order(Hit.BestFirst)];

        private static BooleanQuery AnyField(string[] group)
        {
            var any = new BooleanQuery();
            foreach (var (field, boost) in Fields)
            {
                Query one;
                if (group.Length == 1)
                {
                    one = new TermQuery(new Term(field, group[0]));
                }
                else
                {
                    var phrase = new PhraseQuery();
                    foreach (var term in group)
                    {
                        phrase.Add(new Term(field, term));
                    }

                    one = phrase;
                }

                one.Boost = boost;
                any.Add(one, Occur.SHOULD);
            }

            return any;
        }

        private static void AddFilter(BooleanQuery query, string field, string? value)
        {
            if (value is not null)
            {
                // A filter narrows; it does not score.
                query.Add(new ConstantScoreQuery(new TermQuery(new Term(field, value))) { Boost = 0f }, Occur.MUST);
            }
        }
    }

    /// <summary>One post found, with its score.</summary>
    public sealed record Hit(IndexedPost Post, float Score, int Doc)
    {
        /// <summary>Best first; ties newest first (posts without a date last, as lists sort), then by id.</summary>
        public static readonly Comparer<Hit> BestFirst = Comparer<Hit>.Create((a, b) => Compare(a.Score, a.Post, b.Score, b.Post));

        private static int Compare(float scoreA, IndexedPost a, float scoreB, IndexedPost b)
        {
            var byScore = scoreB.CompareTo(scoreA);
            if (byScore != 0)
            {
                return byScore;
            }

            var byDate = (b.DateTicks ?? long.MinValue).CompareTo(a.DateTicks ?? long.MinValue);
            return byDate != 0 ? byDate : string.CompareOrdinal(a.Key, b.Key);
        }
    }
}
