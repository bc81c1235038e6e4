namespace Archive.Search.Tests;

/// <summary>The saved index: written by the instance that had to read 100 posts or more, opened by a cold one instead of reading every text.</summary>
public sealed class SavedIndexTests : IDisposable
{
    private readonly MemoryCorpus corpus = new();

    public void Dispose() => corpus.Dispose();

    [Fact]
    public async Task A_cold_index_opens_the_saved_one_and_reads_no_text_of_a_post_it_holds()
    {
        for (var i = 0; i < 120; i++)
        {
            corpus.Add($"p{i}", $"Post {i}", $"word{i} common text of post {i}", "2020-01-01");
        }

        var catalog = corpus.Catalog();
        using (var warm = corpus.NewIndex())
        {
            await warm.ViewAsync(catalog, CancellationToken.None);
            for (var wait = 0; wait < 100 && !corpus.Saved(SearchSnapshot.BlobName); wait++)
            {
                await Task.Delay(50);
            }
        }

        Assert.True(corpus.Saved(SearchSnapshot.BlobName), "no saved index");
        Assert.Equal(120, corpus.TextsRead);
        using var cold = corpus.NewIndex();
        var view = await cold.ViewAsync(catalog, CancellationToken.None);
        Assert.Equal(120, corpus.TextsRead);
        Assert.Equal(1, view.Search(SearchQuery.Parse("word7", out _)!, null, null, null, 0, 10).Total);
    }
}
