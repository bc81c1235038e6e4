using Archive.Storage;
using Archive.Api.Http;
using Archive.Api.OpenApi;
using Archive.Api.Responses;
using Archive.Core.Contract;
using Archive.Storage.Ingestion;
using Archive.Storage.Reading;
using Archive.Storage.Totals;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Archive.Api.Endpoints;

/// <summary>
/// The handlers of every route. Each public GET first reads the totals (one request), whose
/// version is the ETag, so a matching <c>If-None-Match</c> is answered before any post is read.
/// </summary>
public sealed class ArchiveEndpoints(PostReader reader, ReadCache cache, HealthProbe health, Reconciler reconciler, BlobStates blobStates, IOptions<ApiOptions> options)
{
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
            var page = await reader.ListAsync(query, after, snapshot.ETag, cancellationToken);
            return new PostList(page.Items.Select(snapshot.WithThemeName).ToList(), page.NextCursor);
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

        var snapshot = await cache.TotalsAsync(cancellationToken);
        if (JsonResponse.NotModified(call.Request, snapshot.ETag, publicCache) is { } notModified)
        {
            return notModified;
        }

        var id = call.RouteValue ?? string.Empty;
        var detail = await cache.BodyAsync(Key(call), snapshot, async () =>
            await reader.FindAsync(id, cancellationToken) is { } post
                ? PostDetail.From(snapshot.WithThemeName(post.Summary), post.Content, post.Source, format)
                : null);
        return detail is null ? ApiProblem.NotFound($"There is no post '{id}'.") : Json(detail, snapshot);
    }

    public async Task<IResult> ListThemesAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var snapshot = await cache.TotalsAsync(cancellationToken);
        if (JsonResponse.NotModified(call.Request, snapshot.ETag, publicCache) is { } notModified)
        {
            return notModified;
        }

        var items = snapshot.Themes.Values
            .OrderByDescending(t => t.Posts).ThenBy(t => t.Scope, StringComparer.Ordinal)
            .Select(ThemeItemOf)
            .ToList();
        return Json(new ThemeList(items), snapshot);
    }

    public async Task<IResult> GetThemeAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var query = ListQueryParser.Parse(call.Request.Query, call.RouteValue, out var error, out var after);
        if (error is not null)
        {
            return ApiProblem.BadRequest(error);
        }

        var snapshot = await cache.TotalsAsync(cancellationToken);
        if (JsonResponse.NotModified(call.Request, snapshot.ETag, publicCache) is { } notModified)
        {
            return notModified;
        }

        if (!snapshot.Themes.TryGetValue(query.Theme!, out var theme))
        {
            return ApiProblem.NotFound($"There is no theme '{query.Theme}'.");
        }

        var body = await cache.BodyAsync(Key(call), snapshot, async () =>
        {
            var page = await reader.ListAsync(query, after, snapshot.ETag, cancellationToken);
            return new ThemePage(ThemeItemOf(theme), page.Items.Select(snapshot.WithThemeName).ToList(), page.NextCursor);
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
        if (JsonResponse.NotModified(call.Request, snapshot.ETag, publicCache) is { } notModified)
        {
            return notModified;
        }

        if (slug is null)
        {
            return Json(ReadingTimeReport.From(snapshot.Global, snapshot.Themes.Values, snapshot), snapshot);
        }

        return snapshot.Themes.TryGetValue(slug, out var theme)
            ? Json(ReadingTimeReport.From(theme, [theme], snapshot), snapshot)
            : ApiProblem.NotFound($"There is no theme '{slug}'.");
    }

    public async Task<IResult> GetHealthAsync(ApiCall call, CancellationToken cancellationToken)
    {
        TotalsSnapshot snapshot;
        try
        {
            snapshot = await health.ReadAsync().WaitAsync(cancellationToken);
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

        if (JsonResponse.NotModified(call.Request, snapshot.ETag, JsonResponse.NoStore) is { } notModified)
        {
            return notModified;
        }

        return new JsonResponse(new Health("ok", snapshot.Global.Posts, snapshot.Global.Entity.LastIngestAt), snapshot.ETag, JsonResponse.NoStore);
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
        // A client may send the slashes of a name escaped; a catch-all keeps them as %2F.
        var name = (call.RouteValue ?? string.Empty).Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        return JsonResponse.HashedBody(call.Request, await blobStates.ReadAsync(name, cancellationToken), JsonResponse.NoStore);
    }

    public async Task<IResult> ReindexAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var report = await reconciler.ReconcileAsync(recomputeTotals: true, cancellationToken);
        return JsonResponse.HashedBody(call.Request, report, JsonResponse.NoStore);
    }

    /// <summary>What identifies a response: path (with the route value, in its own case) and query.</summary>
    private static string Key(ApiCall call) => "|" + call.Request.Path + "?" + QueryParameters.Normalized(call.Request.Query);

    private static ThemeItem ThemeItemOf(ScopeTotals theme) =>
        new(theme.Scope, theme.DisplayName, theme.Posts, theme.Words, theme.Minutes, theme.LatestDate);

    private JsonResponse Json(object body, TotalsSnapshot snapshot) => new(body, snapshot.ETag, publicCache);
}
