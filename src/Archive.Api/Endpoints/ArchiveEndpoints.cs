using Archive.Api.Contracts;
using Archive.Api.Feeds;
using Archive.Api.Http;
using Archive.Api.OpenApi;
using Archive.Api.Tokens;
using Archive.Core.Stored;
using Archive.Core.Text;
using Archive.Storage;
using Archive.Storage.Changes;
using Archive.Storage.Ingestion;
using Archive.Storage.Reading;
using Archive.Storage.Tables;
using Archive.Storage.Totals;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Archive.Api.Endpoints;

/// <summary>
/// The handlers of every route. Each public GET first reads the totals (one request), whose
/// version is the ETag (a post's is its own, from the catalog in memory), so a matching
/// <c>If-None-Match</c> is answered before any post or content is read.
/// </summary>
public sealed class ArchiveEndpoints(
    PostReader reader, ReadCache cache, HealthProbe health, Reconciler reconciler, BlobStates blobStates, ChangeLog changes, FeedBuilder feeds, SearchEndpoints search, MediaEndpoints media, IOptions<ApiOptions> options)
{
    /// <summary>§8's search routes, in a class of their own.</summary>
    public SearchEndpoints Search => search;

    /// <summary>§11's images.</summary>
    public MediaEndpoints Media => media;

    // Serialized (and compressed, on demand) once: the document only changes with the code.
    private static readonly Utf8Json OpenApiBody = Utf8Json.From(OpenApiDocumentFactory.Document)!;

    private readonly string publicCache = JsonResponse.PublicCache(options.Value.CacheMaxAgeSeconds);

    public async Task<IResult> ListPostsAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var query = ListQueryParser.Parse(call.Request.Query, null, out var error, out var after);
        if (error is not null)
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
            var page = await reader.ListAsync(query, after, snapshot, cancellationToken);
            return new PostList(page.Items.Select(snapshot.Served).ToList(), NextCursor(query, page));
        });
        return Json(body!, snapshot);
    }

    public async Task<IResult> GetPostAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var invalid = new InvalidValue();
        var format = ListQueryParser.OneValue(call.Request.Query, "format", invalid);
        if (format is not (null or "markdown" or "text"))
        {
            invalid.Set($"format '{format}' is not one of markdown, text");
        }

        if (invalid.Message is { } error)
        {
            return ApiProblem.BadRequest(error);
        }

        // The post's own version, not the archive's: an upload elsewhere leaves this response, its ETag and its cached body as they are.
        var snapshot = await cache.TotalsAsync(cancellationToken);
        var id = call.RouteValue ?? string.Empty;
        if (await reader.FindAsync(id, snapshot, cancellationToken) is not { } found)
        {
            return ApiProblem.NotFound($"There is no post '{id}'.");
        }

        var summary = snapshot.Served(found.Summary);
        var etag = PostETag(snapshot, found, summary.Theme.Name);
        if (JsonResponse.NotModified(call.Request, etag, publicCache) is { } notModified)
        {
            return notModified;
        }

        var detail = await cache.BodyAsync(etag, Key(call), async () =>
            await reader.ReadAsync(found, cancellationToken) is { } post ? PostDetail.From(summary, post.Content, new PostSource(post.Blob, post.ContentHash, post.Summary.UpdatedAt), format) : null);
        return detail is null ? ApiProblem.NotFound($"There is no post '{id}'.") : new JsonResponse(detail, etag, publicCache);
    }

    public async Task<IResult> ListThemesAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var snapshot = await cache.TotalsAsync(cancellationToken);
        if (JsonResponse.NotModified(call.Request, snapshot.ETag, publicCache) is { } notModified)
        {
            return notModified;
        }

        return Json(new ThemeList(ThemeItem.AllOf(snapshot)), snapshot);
    }

    /// <summary>§8: every tag key with its most common spelling, most posts first; from the catalog, kept per version.</summary>
    public async Task<IResult> ListTagsAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var snapshot = await cache.TotalsAsync(cancellationToken);
        if (JsonResponse.NotModified(call.Request, snapshot.ETag, publicCache) is { } notModified)
        {
            return notModified;
        }

        var body = await cache.BodyAsync(Key(call), snapshot, async () =>
            new TagList([.. (await reader.TagsAsync(snapshot, cancellationToken)).Select(t => new TagItem(t.Key, t.Name, t.Posts))]));
        return Json(body!, snapshot);
    }

    public async Task<IResult> GetThemeAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var query = ListQueryParser.Parse(call.Request.Query, call.RouteValue, out var error, out var after);
        if (error is not null)
        {
            return ApiProblem.BadRequest(error);
        }

        var snapshot = await cache.TotalsAsync(cancellationToken);
        // Before the ETag: If-None-Match: * matches any current representation, and an unknown theme has none (RFC 9110 §13.1.2).
        if (!snapshot.Themes.TryGetValue(query.Theme!, out var theme))
        {
            return ApiProblem.NotFound($"There is no theme '{query.Theme}'.");
        }

        if (JsonResponse.NotModified(call.Request, snapshot.ETag, publicCache) is { } notModified)
        {
            return notModified;
        }

        var body = await cache.BodyAsync(Key(call), snapshot, async () =>
        {
            var page = await reader.ListAsync(query, after, snapshot, cancellationToken);
            return new ThemePage(ThemeItem.From(theme), page.Items.Select(snapshot.Served).ToList(), NextCursor(query, page));
        });
        return Json(body!, snapshot);
    }

    public async Task<IResult> GetReadingTimeAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var invalid = new InvalidValue();
        var slug = ListQueryParser.OneValue(call.Request.Query, "theme", invalid);
        if (invalid.Message is { } error)
        {
            return ApiProblem.BadRequest(error);
        }

        var snapshot = await cache.TotalsAsync(cancellationToken);
        ScopeTotals? theme = null;
        if (slug is not null && !snapshot.Themes.TryGetValue(slug, out theme))
        {
            return ApiProblem.NotFound($"There is no theme '{slug}'.");
        }

        if (JsonResponse.NotModified(call.Request, snapshot.ETag, publicCache) is { } notModified)
        {
            return notModified;
        }

        return theme is null
            ? Json(ReadingTimeReport.From(snapshot.Global, snapshot.Themes.Values, snapshot), snapshot)
            : Json(ReadingTimeReport.From(theme, [theme], snapshot), snapshot);
    }

    public async Task<IResult> GetHealthAsync(ApiCall call, CancellationToken cancellationToken)
    {
        HealthReport report;
        try
        {
            report = await health.ReadAsync().WaitAsync(cancellationToken);
        }
        catch (StorageMissingException missing)
        {
            return ApiProblem.Unavailable(missing.Message);
        }
        catch (Azure.RequestFailedException error) when (error.Status == 404)
        {
            return ApiProblem.Unavailable("Storage answers, but the archive's table is missing (nothing has created it yet).");
        }
        catch (Exception error) when (StorageFailure.Is(error) || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return ApiProblem.Unavailable("Storage does not answer.");
        }

        var snapshot = report.Totals;
        var answer = new Health(report.Problems.Count == 0 ? "ok" : "degraded", snapshot.Global.Posts, snapshot.Global.Entity.LastIngestAt, report.Problems);

        // The problems are part of the answer: an ETag of the version alone would answer 304 to a client that last saw "ok".
        var etag = report.Problems.Count == 0 ? snapshot.ETag : $"{snapshot.ETag[..^1]}.d{report.Problems.Count}\"";
        if (JsonResponse.NotModified(call.Request, etag, JsonResponse.NoStore) is { } notModified)
        {
            return notModified;
        }

        return new JsonResponse(answer, etag, JsonResponse.NoStore);
    }

    /// <summary>§9: a page of the change log. Never cached by anyone: a token's answer grows as the archive changes.</summary>
    public async Task<IResult> ListChangesAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var invalid = new InvalidValue();
        var since = ChangeToken.Beginning;
        if (ListQueryParser.OneValue(call.Request.Query, "since", invalid) is { } sinceText && !ChangeTokens.TryRead(sinceText, out since))
        {
            invalid.Set("since is not a token this API issued; start again without it");
        }

        var limit = ListQueryParser.Limit(call.Request.Query, ChangeLog.DefaultLimit, ChangeLog.MaxLimit, invalid);

        if (invalid.Message is { } error)
        {
            return ApiProblem.BadRequest(error);
        }

        var snapshot = await cache.TotalsAsync(cancellationToken);
        ChangePage page;
        try
        {
            page = await changes.ReadAsync(since, limit, snapshot, totalsAreFresh: !cache.KeepsTotals, cancellationToken);
        }
        catch (ChangeTokenExpiredException expired)
        {
            return ApiProblem.Gone(expired.Message);
        }

        var items = page.Entries.Select(e => e.Kind == ChangeEntity.UpsertKind
            ? new ChangeItem(ChangeType.Upsert) { Post = snapshot.Served(ArchiveStore.Summary(e.SummaryJson!, e.At)) }
            : new ChangeItem(ChangeType.Delete) { Id = e.Id });
        return JsonResponse.HashedBody(call.Request, new ChangeList([.. items], ChangeTokens.Issue(page.Next), page.HasMore), JsonResponse.NoStore);
    }

    /// <summary>§9: a feed, built once per version of the archive (and per host, which absolute links name when no site is set).</summary>
    public async Task<IResult> GetFeedAsync(ApiCall call, FeedFormat format, CancellationToken cancellationToken)
    {
        var query = ListQueryParser.Parse(call.Request.Query, null, out var error, out _);
        if (error is not null)
        {
            return ApiProblem.BadRequest(error);
        }

        var snapshot = await cache.TotalsAsync(cancellationToken);
        if (JsonResponse.NotModified(call.Request, snapshot.ETag, publicCache) is { } notModified)
        {
            return notModified;
        }

        var body = await cache.BodyAsync(call.Request.Host + Key(call), snapshot, async () =>
        {
            var feed = await feeds.BuildAsync(query, snapshot, call.Request, cancellationToken);
            return format == FeedFormat.Json ? Utf8Json.From(JsonFeed.From(feed)) : new Utf8Json(AtomFeed.Write(feed));
        });
        return new JsonResponse(body!, snapshot.ETag, publicCache, contentType: format == FeedFormat.Json ? JsonFeed.MediaType + "; charset=utf-8" : AtomFeed.MediaType + "; charset=utf-8");
    }

    public Task<IResult> GetOpenApiAsync(ApiCall call, CancellationToken cancellationToken) =>
        Task.FromResult(JsonResponse.HashedBody(call.Request, OpenApiBody, publicCache));

    public async Task<IResult> ListRejectionsAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var rejections = await reader.RejectionsAsync(cancellationToken);
        var body = new RejectionList(rejections.Select(r => new RejectionItem(r.Blob, r.Reason, r.At)).ToList());
        return JsonResponse.HashedBody(call.Request, body, JsonResponse.NoStore);
    }

    public async Task<IResult> GetBlobStateAsync(ApiCall call, CancellationToken cancellationToken)
    {
        // A name that URLs rewrite (a/../x.md) is given as a query value, which nothing normalises.
        var invalid = new InvalidValue();
        var queried = ListQueryParser.OneValue(call.Request.Query, "name", invalid);
        var name = queried ?? call.BlobName;
        if (queried is not null && call.BlobName.Length > 0)
        {
            invalid.Set("name the blob once: in the path or in ?name=, not both");
        }
        else if (name.Length == 0)
        {
            invalid.Set("name the blob: /api/admin/blobs/{name}, or ?name= for any name");
        }

        if (invalid.Message is { } error)
        {
            return ApiProblem.BadRequest(error);
        }

        return JsonResponse.HashedBody(call.Request, BlobState.From(await blobStates.ReadAsync(name, cancellationToken)), JsonResponse.NoStore);
    }

    public async Task<IResult> ReindexAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var report = await reconciler.ReconcileAsync(recomputeTotals: true, cancellationToken);
        return JsonResponse.HashedBody(call.Request, ReindexReport.From(report), JsonResponse.NoStore);
    }

    /// <summary>
    /// A post's ETag: the archive's generation, the post's version and its theme's display name
    /// (FNV-1a: cheap, and the same on every instance), so it moves only when the post does.
    /// </summary>
    private static string PostETag(TotalsSnapshot snapshot, IndexedPost post, string themeName)
    {
        var name = Fnv1a.Hash(themeName);
        var generation = snapshot.Global.Entity.Generation;
        return $"\"{(generation.Length > 0 ? generation : "0")}.p{post.VersionTag}{name:x8}\"";
    }

    /// <summary>What identifies a response: path (with the route value, in its own case) and query.</summary>
    private static string Key(ApiCall call) => QueryParameters.CacheKey(call.Request);

    private static string? NextCursor(PostListQuery query, PostPage page) => page.LastKey is { } last ? PageCursor.Issue(query.Fingerprint, last) : null;

    private JsonResponse Json(object body, TotalsSnapshot snapshot) => new(body, snapshot.ETag, publicCache);
}
