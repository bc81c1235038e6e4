using Archive.Api;
using Archive.Api.Contracts;
using Archive.Api.Endpoints;
using Archive.Api.Http;
using Archive.Core.Text;
using Archive.Pages.Components;
using Archive.Pages.Site;
using Archive.Search;
using Archive.Storage.Reading;
using Archive.Storage.Tables;
using Archive.Storage.Totals;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Archive.Pages;

/// <summary>
/// The pages of §12, from the API's own components: the catalog in memory, the totals, the search
/// index. Every page of one version of the archive is rendered once (kept with the API's bodies in
/// the read cache), and its ETag is that version's with the assets': a post page's related and
/// previous/next posts change only with the archive, so they are covered too.
/// </summary>
public sealed class SitePages(PostReader reader, ReadCache cache, SearchEndpoints search, PageRenderer renderer, IOptions<ApiOptions> api, IOptions<SiteOptions> site)
{
    public const int PageSize = 10;

    private readonly string publicCache = JsonResponse.PublicCache(api.Value.CacheMaxAgeSeconds);

    public SiteInfo Site { get; } = SiteOf(api.Value, site.Value);

    public string PublicCache => publicCache;

    public async Task<IResult> HomeAsync(PageCall call, CancellationToken cancellationToken)
    {
        if (await OldReaderUrlAsync(call, cancellationToken) is { } moved)
        {
            return moved;
        }

        return await ListAsync(call, null, null, cancellationToken);
    }

    public Task<IResult> ThemeAsync(PageCall call, CancellationToken cancellationToken) => ListAsync(call, call.Value ?? string.Empty, null, cancellationToken);

    public Task<IResult> TagAsync(PageCall call, CancellationToken cancellationToken) => ListAsync(call, null, call.Value ?? string.Empty, cancellationToken);

    public async Task<IResult> PostAsync(PageCall call, CancellationToken cancellationToken)
    {
        var snapshot = await cache.TotalsAsync(cancellationToken);
        var asked = call.Value ?? string.Empty;
        if (await reader.FindAsync(asked, snapshot, cancellationToken) is not { } found)
        {
            return await NotFoundAsync(call, $"There is no post “{asked}” in this archive.", cancellationToken);
        }

        var summary = snapshot.Served(found.Summary);
        var canonical = PagePaths.Post(summary);
        if (summary.Id != asked || summary.Slug != call.Second)
        {
            return PageResponse.MovedTo(canonical, publicCache);
        }

        return await RenderAsync<PostView>(call, snapshot, "post|" + found.Key, async () =>
        {
            if (await reader.ReadAsync(found, cancellationToken) is not { } post)
            {
                return null;
            }

            var catalog = await reader.CatalogAsync(snapshot, cancellationToken);
            var (newer, older) = catalog.Neighbours(found);
            var head = new PageHead(summary.Title, summary.Description, canonical)
            {
                Section = "posts",
                Type = "article",
                Image = summary.Image,
                Article = summary,
                JsonLd = JsonLd.BlogPosting(summary, SiteInfo.Absolute(canonical), summary.Image ?? Site.DefaultImage, Site.Author),
            };
            return new Dictionary<string, object?>
            {
                [nameof(PostView.Site)] = Site,
                [nameof(PostView.Head)] = head,
                [nameof(PostView.Post)] = summary,
                [nameof(PostView.Html)] = PageText.WithoutTitleHeading(post.Content.Html, summary.Title),
                [nameof(PostView.Newer)] = newer is null ? null : snapshot.Served(newer.Summary),
                [nameof(PostView.Older)] = older is null ? null : snapshot.Served(older.Summary),
                [nameof(PostView.Related)] = await search.RelatedOfAsync(found, snapshot, cancellationToken),
            };
        }, cancellationToken);
    }

    public async Task<IResult> ThemesAsync(PageCall call, CancellationToken cancellationToken)
    {
        var snapshot = await cache.TotalsAsync(cancellationToken);
        return await RenderAsync<ThemesPage>(call, snapshot, "themes", () => Task.FromResult<Dictionary<string, object?>?>(new()
        {
            [nameof(ThemesPage.Site)] = Site,
            [nameof(ThemesPage.Head)] = new PageHead("Themes", $"The {snapshot.Themes.Count} themes of {Site.Title}, with their posts and reading time.", PagePaths.Themes) { Section = "themes" },
            [nameof(ThemesPage.Themes)] = ThemeItem.AllOf(snapshot),
        }), cancellationToken);
    }

    public async Task<IResult> TagsAsync(PageCall call, CancellationToken cancellationToken)
    {
        var snapshot = await cache.TotalsAsync(cancellationToken);
        return await RenderAsync<TagsPage>(call, snapshot, "tags", async () =>
        {
            var tags = await reader.TagsAsync(snapshot, cancellationToken);
            return new Dictionary<string, object?>
            {
                [nameof(TagsPage.Site)] = Site,
                [nameof(TagsPage.Head)] = new PageHead("Tags", $"The {tags.Count} tags of {Site.Title}, most posts first.", PagePaths.Tags) { Section = "tags" },
                [nameof(TagsPage.Tags)] = tags.Select(t => new TagItem(t.Key, t.Name, t.Posts)).ToList(),
            };
        }, cancellationToken);
    }

    public async Task<IResult> ReadingTimeAsync(PageCall call, CancellationToken cancellationToken)
    {
        var snapshot = await cache.TotalsAsync(cancellationToken);
        return await RenderAsync<ReadingTimePage>(call, snapshot, "reading-time", () =>
        {
            var report = ReadingTimeReport.From(snapshot.Global, snapshot.Themes.Values, snapshot);
            return Task.FromResult<Dictionary<string, object?>?>(new()
            {
                [nameof(ReadingTimePage.Site)] = Site,
                [nameof(ReadingTimePage.Head)] = new PageHead(
                    "Reading time",
                    $"{report.TotalMinutes} minutes of reading in {PageText.Count(report.Posts, "post", "posts")}: how long the posts of {Site.Title} take to read, by length and by theme.",
                    PagePaths.ReadingTime) { Section = "reading-time" },
                [nameof(ReadingTimePage.Report)] = report,
            });
        }, cancellationToken);
    }

    /// <summary>§12: <c>/search?q=</c>, never indexed; a query the search cannot read says why, on the page.</summary>
    public async Task<IResult> SearchAsync(PageCall call, CancellationToken cancellationToken)
    {
        var q = call.Query("q");
        if (call.PageNumber is not { } number)
        {
            return await NotFoundAsync(call, "There is no such page of results.", cancellationToken);
        }

        var snapshot = await cache.TotalsAsync(cancellationToken);
        var path = q is null ? PagePaths.Search : PagePaths.Numbered(PagePaths.Query(q), number);
        return await RenderAsync<SearchPage>(call, snapshot, "search|" + path, async () =>
        {
            var head = new PageHead(q is null ? "Search" : $"“{q}”: search", $"Posts of {Site.Title} that hold “{q}”.", path) { NoIndex = true };
            var parameters = new Dictionary<string, object?> { [nameof(SearchPage.Site)] = Site, [nameof(SearchPage.Head)] = head, [nameof(SearchPage.Query)] = q };
            if (q is null)
            {
                return parameters;
            }

            if (SearchQuery.Parse(q, out var problem) is not { } query)
            {
                parameters[nameof(SearchPage.Problem)] = problem;
                return parameters;
            }

            var (hits, total) = await search.FindAsync(query, new SearchEndpoints.SearchScope(null, null, null), (number - 1) * PageSize, PageSize, snapshot, cancellationToken);
            parameters[nameof(SearchPage.Hits)] = hits;
            parameters[nameof(SearchPage.Total)] = total;
            parameters[nameof(SearchPage.Number)] = number;
            parameters[nameof(SearchPage.Pages)] = Pages(total);
            return parameters;
        }, cancellationToken);
    }

    /// <summary>A 404 in the site's style (§12), its title saying so.</summary>
    public Task<IResult> NotFoundAsync(PageCall call, string message, CancellationToken cancellationToken) =>
        MessageAsync(call, StatusCodes.Status404NotFound, "Page not found", message);

    /// <summary>A page that says what went wrong: not found (404), the archive not answering (503) or failing (500), with no detail of why. Never cached, never indexed.</summary>
    public async Task<IResult> MessageAsync(PageCall call, int status, string title, string message)
    {
        var html = await renderer.RenderAsync<MessagePage>(new Dictionary<string, object?>
        {
            [nameof(MessagePage.Site)] = Site,
            [nameof(MessagePage.Head)] = new PageHead(title, message, call.Request.Path.Value ?? "/") { NoIndex = true },
            [nameof(MessagePage.Message)] = message,
        });
        return PageResponse.WithHeaders(new JsonResponse(new Utf8Json(System.Text.Encoding.UTF8.GetBytes(html)), $"\"{status}\"", JsonResponse.NoStore, status, PageResponse.HtmlType));
    }

    /// <summary>The numbered list of every post, a theme's or a tag's; a name in another case or spelling answers 301 to its page.</summary>
    private async Task<IResult> ListAsync(PageCall call, string? themeSlug, string? tagAsked, CancellationToken cancellationToken)
    {
        var snapshot = await cache.TotalsAsync(cancellationToken);
        if (call.PageNumber is not { } number)
        {
            return await NotFoundAsync(call, "There is no such page of this list.", cancellationToken);
        }

        string path, heading, description, section;
        string? intro = null;
        string? tagKey = null;
        if (themeSlug is not null)
        {
            if (!snapshot.Themes.TryGetValue(themeSlug, out var theme))
            {
                return snapshot.Themes.ContainsKey(themeSlug.ToLowerInvariant())
                    ? PageResponse.MovedTo(PagePaths.Theme(themeSlug.ToLowerInvariant()), publicCache)
                    : await NotFoundAsync(call, $"There is no theme “{themeSlug}” in this archive.", cancellationToken);
            }

            (path, heading, section) = (PagePaths.Theme(theme.Scope), theme.DisplayName, "themes");
            intro = $"{PageText.Count(theme.Posts, "post", "posts")} · {theme.Minutes} min of reading";
            description = $"The posts of {Site.Title} on {theme.DisplayName}, newest first.";
        }
        else if (tagAsked is not null)
        {
            tagKey = TagKey.Of(tagAsked);
            var tag = (await reader.TagsAsync(snapshot, cancellationToken)).FirstOrDefault(t => t.Key == tagKey);
            if (tag is null)
            {
                return await NotFoundAsync(call, $"No post is tagged “{tagAsked}”.", cancellationToken);
            }

            if (tagAsked != tagKey)
            {
                return PageResponse.MovedTo(PagePaths.Tag(tagKey), publicCache);
            }

            (path, heading, section) = (PagePaths.Tag(tagKey), "#" + tag.Name, "tags");
            intro = PageText.Count(tag.Posts, "post", "posts");
            description = $"The posts of {Site.Title} tagged {tag.Name}, newest first.";
        }
        else
        {
            (path, heading, section) = (PagePaths.Home, Site.Title, "posts");
            description = $"{PageText.Count(snapshot.Global.Posts, "post", "posts")} of {Site.Title}, newest first.";
        }

        var catalog = await reader.CatalogAsync(snapshot, cancellationToken);
        var (posts, total) = catalog.Numbered(new PostListQuery(ListSort.Newest, themeSlug, null, null, PageSize, null) { Tag = tagKey }, number, PageSize);
        var pages = Pages(total);
        if (number > pages)
        {
            return await NotFoundAsync(call, $"This list has {PageText.Count(pages, "page", "pages")}.", cancellationToken);
        }

        var title = number == 1 ? heading : path == PagePaths.Home ? $"Page {number} of {pages}" : $"{heading}, page {number} of {pages}";
        return await RenderAsync<ListPage>(call, snapshot, $"list|{path}|{number}", () => Task.FromResult<Dictionary<string, object?>?>(new()
        {
            [nameof(ListPage.Site)] = Site,
            [nameof(ListPage.Head)] = new PageHead(title, description, PagePaths.Numbered(path, number))
            {
                Section = section,
                Previous = number > 1 ? PagePaths.Numbered(path, number - 1) : null,
                Next = number < pages ? PagePaths.Numbered(path, number + 1) : null,
            },
            [nameof(ListPage.Heading)] = heading,
            [nameof(ListPage.Intro)] = intro,
            [nameof(ListPage.Posts)] = posts.Select(p => snapshot.Served(p.Summary)).ToList(),
            [nameof(ListPage.Themes)] = tagKey is null ? ThemeItem.AllOf(snapshot) : [],
            [nameof(ListPage.SelectedTheme)] = themeSlug,
            [nameof(ListPage.Path)] = path,
            [nameof(ListPage.Number)] = number,
            [nameof(ListPage.Pages)] = pages,
        }), cancellationToken);
    }

    /// <summary>
    /// The reader's earlier URLs (§10): <c>/?post=</c>, <c>?view=themes|reading-time</c>, <c>?q=</c>,
    /// <c>?theme=</c>, <c>?tag=</c> answer 301 to the pages that replace them; null for any other.
    /// </summary>
    private async Task<IResult?> OldReaderUrlAsync(PageCall call, CancellationToken cancellationToken)
    {
        string? to = null;
        if (call.Query("post") is { } id)
        {
            var snapshot = await cache.TotalsAsync(cancellationToken);
            if (await reader.FindAsync(id, snapshot, cancellationToken) is not { } found)
            {
                return await NotFoundAsync(call, $"There is no post “{id}” in this archive.", cancellationToken);
            }

            to = PagePaths.Post(snapshot.Served(found.Summary));
        }
        else if (call.Query("q") is { } q)
        {
            to = PagePaths.Query(q);
        }
        else if (call.Query("view") is { } view)
        {
            to = view switch { "themes" => PagePaths.Themes, "reading-time" => PagePaths.ReadingTime, "tags" => PagePaths.Tags, _ => PagePaths.Home };
        }
        else if (call.Query("theme") is { } theme)
        {
            to = PagePaths.Theme(theme.ToLowerInvariant());
        }
        else if (call.Query("tag") is { } tag)
        {
            to = PagePaths.Tag(TagKey.Of(tag));
        }

        return to is null ? null : PageResponse.MovedTo(to, publicCache);
    }

    /// <summary>Renders a page once per version of the archive (null parameters: the page is gone since it was found, a 404).</summary>
    private async Task<IResult> RenderAsync<TPage>(PageCall call, TotalsSnapshot snapshot, string key, Func<Task<Dictionary<string, object?>?>> parameters, CancellationToken cancellationToken)
        where TPage : IComponent
    {
        var etag = ETagOf(snapshot);
        if (JsonResponse.NotModified(call.Request, etag, publicCache) is { } notModified)
        {
            return PageResponse.WithHeaders(notModified);
        }

        var body = await cache.BodyAsync(etag, "page|" + key, async () =>
            await parameters() is { } values ? new Utf8Json(System.Text.Encoding.UTF8.GetBytes(await renderer.RenderAsync<TPage>(values))) : null);
        return body is null
            ? await NotFoundAsync(call, "This page is no longer in the archive.", cancellationToken)
            : PageResponse.Html(call.Request, body, etag, publicCache);
    }

    /// <summary>The archive's version and the assets': any change to what a page shows, or to the script and style it names, is a new ETag.</summary>
    private static string ETagOf(TotalsSnapshot snapshot) => $"{snapshot.ETag[..^1]}.h{SiteAssets.Version}\"";

    private static int Pages(int total) => Math.Max(1, (total + PageSize - 1) / PageSize);

    private static SiteInfo SiteOf(ApiOptions api, SiteOptions site)
    {
        var title = site.SiteTitle ?? api.FeedTitle;
        var image = site.SiteImage is { Length: > 0 } url
            ? new ImageRef(url, title, site.SiteImageWidth, site.SiteImageHeight)
            : new ImageRef($"{Core.Model.SiteOrigin.Token}{PagePaths.ShareImage}?v={Fnv1a.Hash(title):x8}", title, ShareImage.Width, ShareImage.Height);
        return new SiteInfo(title, site.SiteAuthor ?? api.FeedAuthor, site.SiteLanguage, site.Indexable, image);
    }
}
