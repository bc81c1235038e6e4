namespace Archive.Search.Tests;

/// <summary>§8's search rules over an index built in memory: no storage is read.</summary>
public sealed class SearchIndexTests : IDisposable
{
    private readonly MemoryCorpus corpus = new MemoryCorpus()
        .Add("pacts", "Non-aggression pacts", "After Italy, Japan signed non-aggression pacts with the Soviet Union in 1941.", "2024-06-18", "cold-war-history", "diplomacy")
        .Add("treaty", "The treaty of Versailles", "The treaty ended the war; a pact of a different kind followed.", "2023-01-10", "interwar")
        .Add("cafes", "Cafés of Vienna", "The cafés of Vienna were where the pact was argued over.", "2022-05-01", "interwar", "Île-de-France")
        .Add("undated", "Without a date", "A pact without a date sorts last.");

    public void Dispose() => corpus.Dispose();

    private static SearchQuery Query(string q) => SearchQuery.Parse(q, out var error) ?? throw new InvalidOperationException(error);

    private async Task<List<string>> IdsAsync(string q, string? theme = null, string? tag = null, int? year = null)
    {
        using var index = corpus.NewIndex();
        var view = await index.ViewAsync(corpus.Catalog(), CancellationToken.None);
        return [.. view.Search(Query(q), theme, tag, year, 0, 10).Page.Select(h => h.Post.Summary.Id)];
    }

    [Fact]
    public async Task A_word_finds_its_inflections_and_every_word_must_match() =>
        Assert.Equal(["pacts"], await IdsAsync("pact soviet"));

    [Fact]
    public async Task Words_match_without_case_or_accents() =>
        Assert.Equal(["cafes"], await IdsAsync("CAFES vienna"));

    [Fact]
    public async Task A_hyphenated_query_is_a_phrase_and_an_exclusion_leaves_posts_out()
    {
        Assert.Equal(["pacts"], await IdsAsync("non-aggression"));
        Assert.DoesNotContain("treaty", await IdsAsync("pact -versailles"));
    }

    [Fact]
    public async Task A_match_in_the_title_ranks_first_and_posts_without_a_date_come_last_among_equals()
    {
        var ids = await IdsAsync("pact");
        Assert.Equal("pacts", ids[0]);
        Assert.Equal(4, ids.Count);
    }

    [Fact]
    public async Task Filters_narrow_by_theme_tag_key_and_year()
    {
        Assert.Equal(["treaty", "cafes"], await IdsAsync("pact", theme: "interwar"));
        Assert.Equal(["cafes"], await IdsAsync("pact", tag: "ile-de-france"));
        Assert.Equal(["treaty"], await IdsAsync("pact", year: 2023));
    }

    [Fact]
    public async Task Related_posts_leave_out_the_post_itself_and_a_theme_asked_to_be_left_out()
    {
        using var index = corpus.NewIndex();
        var catalog = corpus.Catalog();
        var view = await index.ViewAsync(catalog, CancellationToken.None);
        var post = catalog.Posts.Single(p => p.Summary.Id == "treaty");
        var related = view.Related(post, 5).Select(h => h.Post.Summary.Id).ToList();
        Assert.DoesNotContain("treaty", related);
        Assert.NotEmpty(related);
        Assert.DoesNotContain(view.Related(post, 5, exceptTheme: "interwar"), h => h.Post.Summary.Theme.Slug == "interwar");
    }

    [Fact]
    public async Task Snippets_mark_the_matched_words_and_escape_the_rest()
    {
        using var index = corpus.NewIndex();
        var view = await index.ViewAsync(corpus.Catalog(), CancellationToken.None);
        var query = Query("cafe");
        var (page, _) = view.Search(query, null, null, null, 0, 10);
        Assert.Contains("<mark>cafés</mark>", view.SnippetsOf(page, query.Terms)[0], StringComparison.Ordinal);
    }
}
