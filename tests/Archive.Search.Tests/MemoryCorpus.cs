using System.Collections.Concurrent;
using Archive.Core.Stored;
using Archive.Search.Sources;
using Archive.Storage.Reading;
using Archive.Storage.Tables;
using Archive.Storage.Totals;
using Microsoft.Extensions.Logging.Abstractions;

namespace Archive.Search.Tests;

/// <summary>Posts held in memory, a folder for the saved index, and search indexes over them: what an instance has, without storage.</summary>
internal sealed class MemoryCorpus : IPostTexts, ISearchIndexStore, IDisposable
{
    private readonly ConcurrentDictionary<string, string> texts = new(StringComparer.Ordinal);
    private readonly List<IndexedPost> posts = [];
    private readonly string folder = Path.Combine(Path.GetTempPath(), "archive-search-tests-" + Guid.NewGuid().ToString("N"));
    private int textsRead;

    public MemoryCorpus() => Directory.CreateDirectory(folder);

    /// <summary>How many posts' texts the indexes read.</summary>
    public int TextsRead => textsRead;

    public MemoryCorpus Add(string id, string title, string text, string? date = null, string theme = "uncategorized", params string[] tags)
    {
        var summary = new StoredSummary
        {
            Id = id,
            Slug = id,
            Title = title,
            Date = date,
            Description = text.Length <= 160 ? text : text[..160],
            Theme = new StoredTheme(theme, theme),
            Tags = tags,
            WordCount = text.Split(' ').Length,
            ReadingTime = 1,
            UpdatedAt = DateTimeOffset.UnixEpoch,
        };
        var contentBlob = $"{id}/{Guid.NewGuid():N}.json";
        posts.Add(new IndexedPost(RowKeys.Post(id.ToLowerInvariant()), summary, date is null ? null : DateTime.Parse(date, System.Globalization.CultureInfo.InvariantCulture).Ticks) { ContentBlob = contentBlob });
        texts[contentBlob] = text;
        return this;
    }

    public PostCatalog Catalog() => new([.. posts]);

    public SearchIndex NewIndex() =>
        new(this, new SearchSnapshot(this, NullLogger<SearchSnapshot>.Instance), NullLogger<SearchIndex>.Instance);

    public Task<string?> TextAsync(IndexedPost post, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref textsRead);
        return Task.FromResult(texts.GetValueOrDefault(post.ContentBlob));
    }

    public bool Saved(string name) => File.Exists(Path.Combine(folder, Path.GetFileName(name)));

    public Task<bool> DownloadAsync(string name, string path, CancellationToken cancellationToken)
    {
        var saved = Path.Combine(folder, Path.GetFileName(name));
        if (!File.Exists(saved))
        {
            return Task.FromResult(false);
        }

        File.Copy(saved, path, overwrite: true);
        return Task.FromResult(true);
    }

    public Task UploadAsync(string name, string path, CancellationToken cancellationToken)
    {
        File.Copy(path, Path.Combine(folder, Path.GetFileName(name)), overwrite: true);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        File.Delete(Path.Combine(folder, Path.GetFileName(name)));
        return Task.CompletedTask;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
