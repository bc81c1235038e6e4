using System.Globalization;
using Archive.Api.Contracts;
using Archive.Api.Http;
using Archive.Api.Tokens;
using Archive.Core.Parsing;
using Archive.Search;
using Archive.Storage.Reading;
using Archive.Storage.Totals;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Archive.Api.Endpoints;

/// <summary>The handlers of §8's search routes: full-text search, related posts, theme suggestions. The index is in memory (<see cref="SearchIndex"/>).</summary>
public sealed class SearchEndpoints(PostReader reader, SearchIndex index, ReadCache cache, IOptions<ApiOptions> options)
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 50;

    /// <summary>How deep search pages go (§8): past this rank no cursor is issued, and a cursor beyond it is a 400.</summary>
    public const int MaxDepth = 10_000;
    public const int RelatedCount = 5;
    public const int SuggestedThemes = 3;

    private readonly string publicCache = JsonResponse.PublicCache(options.Value.CacheMaxAgeSeconds);

    public async Task<IResult> SearchAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var parameters = call.Request.Query;
        var invalid = new InvalidValue();
        var q = ListQueryParser.OneValue(parameters, "q", invalid);
        SearchQuery? query = null;
        if (q is null)
        {
            invalid.Set("q is required: the words to find");
        }
        else if (SearchQuery.Parse(q, out var queryError) is { } parsed)
        {
            query = parsed;
        }
        else
        {
            invalid.Set(queryError!);
        }

        var theme = ListQueryParser.Theme(parameters, invalid);
        var tag = ListQueryParser.Tag(parameters, invalid);
        var limit = ListQueryParser.Limit(parameters, DefaultLimit, MaxLimit, invalid);

        var year = ListQueryParser.Year(parameters, invalid);

        // A cursor carries the rank the next page starts at, bound to its query: after a change it goes on from the same rank (§8).
        var fingerprint = $"search|{q}|{theme}|{tag}|{year}";
        var skip = 0;
        if (ListQueryParser.Cursor(parameters, fingerprint, invalid) is { } rank
            && (!int.TryParse(rank, NumberStyles.None, CultureInfo.InvariantCulture, out skip) || skip > MaxDepth))
        {
            // Bounded before use: the rank sizes the ranking's work (a queue of skip + limit hits).
            invalid.Set(ListQueryParser.CursorNotIssued);
        }

        if (invalid.Message is { } error)
        {
            return ApiProblem.BadRequest(error);
        }

        var snapshot = await cache.TotalsAsync(cancellationToken);
        if (JsonResponse.NotModified(call.Request, snapshot.ETag, publicCache) is { } notModified)
        {
            return notModified;
        }

        var body = await cache.BodyAsync(Key(call), snapshot, async () =>
        {
            var (items, total) = await FindAsync(query!, new SearchScope(theme, tag, year), skip, limit, snapshot, cancellationToken);
            var next = skip + limit < Math.Min(total, MaxDepth) ? PageCursor.Issue(fingerprint, (skip + limit).ToString(CultureInfo.InvariantCulture)) : null;
            return new SearchResult(q!, total, items, next);
        });
        return new JsonResponse(body!, snapshot.ETag, publicCache);
    }

    /// <summary>Hits <paramref name="skip"/> to <paramref name="skip"/> + <paramref name="limit"/>, each with its snippet, and how many there are: what the API and the search page show (§8, §12).</summary>
    public async Task<(IReadOnlyList<SearchItem> Items, int Total)> FindAsync(SearchQuery query, SearchScope scope, int skip, int limit, TotalsSnapshot snapshot, CancellationToken cancellationToken)
    {
        var view = await ViewAsync(snapshot, cancellationToken);
        var (page, total) = view.Search(query, scope.Theme, scope.Tag, scope.Year, skip, limit);
        var snippets = view.SnippetsOf(page, query.Terms);
        var items = page
            .Select((h, i) => new SearchItem(
                snapshot.Served(h.Post.Summary),
                Math.Round(h.Score, 4),
                snippets[i] ?? Snippet.Marked(h.Post.Summary.Description, query.Terms)))
            .ToList();
        return (items, total);
    }

    /// <summary>Up to <see cref="RelatedCount"/> posts most like <paramref name="post"/> (§8), for the API and a post's page.</summary>
    public async Task<IReadOnlyList<RelatedItem>> RelatedOfAsync(IndexedPost post, TotalsSnapshot snapshot, CancellationToken cancellationToken)
    {
        var view = await ViewAsync(snapshot, cancellationToken);
        return [.. view.Related(post, RelatedCount).Select(h => new RelatedItem(snapshot.Served(h.Post.Summary), Math.Round(h.Score, 4)))];
    }

    public async Task<IResult> RelatedAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var snapshot = await cache.TotalsAsync(cancellationToken);
        var id = call.RouteValue ?? string.Empty;
        if (await reader.FindAsync(id, snapshot, cancellationToken) is not { } post)
        {
            return ApiProblem.NotFound($"There is no post '{id}'.");
        }

        if (JsonResponse.NotModified(call.Request, snapshot.ETag, publicCache) is { } notModified)
        {
            return notModified;
        }

        var body = await cache.BodyAsync(Key(call), snapshot, async () => new RelatedList([.. await RelatedOfAsync(post, snapshot, cancellationToken)]));
        return new JsonResponse(body!, snapshot.ETag, publicCache);
    }

    /// <summary>For each uncategorized post, the themes of the posts most like it, each scored by the sum of its posts' scores among the 20 most alike.</summary>
    public async Task<IResult> ThemeSuggestionsAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var snapshot = await cache.TotalsAsync(cancellationToken);
        var view = await ViewAsync(snapshot, cancellationToken);
        var items = view.Catalog.Posts
            .Where(p => p.Summary.Theme.Slug == PostParser.DefaultTheme)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(post => new ThemeSuggestion(
                snapshot.Served(post.Summary),
                [.. view.Related(post, 20, exceptTheme: PostParser.DefaultTheme)
                    .GroupBy(h => h.Post.Summary.Theme.Slug, StringComparer.Ordinal)
                    .Select(g => new SuggestedTheme(g.Key, snapshot.Theme(g.Key, g.First().Post.Summary.Theme.Name).Name, Math.Round(g.Sum(h => h.Score), 4)))
                    .OrderByDescending(t => t.Score).ThenBy(t => t.Slug, StringComparer.Ordinal)
                    .Take(SuggestedThemes)]))
            .ToList();
        return JsonResponse.HashedBody(call.Request, new ThemeSuggestionList(items), JsonResponse.NoStore);
    }

    /// <summary>What a search is narrowed to: a theme, a tag key, a year (each optional).</summary>
    public sealed record SearchScope(string? Theme, string? Tag, int? Year);

    private async Task<SearchIndex.View> ViewAsync(TotalsSnapshot snapshot, CancellationToken cancellationToken) =>
        await index.ViewAsync(await reader.CatalogAsync(snapshot, cancellationToken), cancellationToken);

    private static string Key(ApiCall call) => QueryParameters.CacheKey(call.Request);
}
