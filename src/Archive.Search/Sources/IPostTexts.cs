using Archive.Storage.Totals;

namespace Archive.Search.Sources;

/// <summary>The counted text of a served post (§3), which the index keeps compressed; null when its content is gone.</summary>
public interface IPostTexts
{
    Task<string?> TextAsync(IndexedPost post, CancellationToken cancellationToken);
}
