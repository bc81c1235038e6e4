using Archive.Storage.Reading;
using Archive.Storage.Tables;
using Archive.Storage.Totals;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Archive.Api.Feeds;

/// <summary>
/// The feeds of §9: the 50 served posts with the latest dates (as <c>/api/posts</c> sorts them),
/// each with its rendered HTML. The list comes from the catalog in memory; each post's content is
/// one download the first time and memory after (content blobs never change), so a feed costs at
/// most one request per post new to this instance.
/// </summary>
public sealed class FeedBuilder(PostReader reader, IOptions<ApiOptions> options)
{
    public const int Items = 50;

    /// <summary>The year in the feed's tag URIs (RFC 4151 dates the authority's naming); fixed so that ids never change.</summary>
    private const string TagYear = "2026";

    public async Task<FeedModel> BuildAsync(PostListQuery query, TotalsSnapshot snapshot, HttpRequest request, CancellationToken cancellationToken)
    {
        var page = await reader.ListAsync(query with { Sort = ListSort.Newest, Limit = Items, Cursor = null }, string.Empty, snapshot, cancellationToken);
        var contents = await Task.WhenAll(page.Posts.Select(p => reader.ContentAsync(p.ContentBlob, cancellationToken)));
        // Items link to the posts' pages (§12), never to JSON: the site's origin, or this host's when none is set.
        var site = new Uri(Http.SiteAddress.Origin(request) + "/");
        var entries = page.Posts
            .Zip(contents)
            .Where(pair => pair.Second is not null)
            .Select(pair =>
            {
                var (post, content) = (pair.First, pair.Second);
                var summary = snapshot.WithThemeName(post.Summary);
                return new FeedEntry(
                    summary.Id,
                    new Uri(site, $"posts/{Uri.EscapeDataString(summary.Id)}/{Uri.EscapeDataString(summary.Slug)}"),
                    summary.Title,
                    post.DateTicks is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null,
                    summary.UpdatedAt,
                    summary.Description,
                    content!.Html,
                    summary.Tags);
            })
            .ToList();
        var updated = entries.Count > 0 ? entries.Max(e => e.Modified) : snapshot.Global.Entity.LastIngestAt ?? DateTimeOffset.UnixEpoch;
        // The dispatcher refused a malformed Host; a request without one (HTTP/1.0) names the site's.
        var self = new Uri($"{(request.Host.HasValue ? $"{request.Scheme}://{request.Host}" : site.GetLeftPart(UriPartial.Authority))}{request.Path}{request.QueryString}");
        var idBase = $"tag:{site.Host},{TagYear}:";
        var selection = (query.Theme is { } theme ? "/theme/" + theme : string.Empty) + (query.Tag is { } tag ? "/tag/" + Uri.EscapeDataString(tag) : string.Empty);
        return new FeedModel(options.Value.FeedTitle, options.Value.FeedAuthor, site, self, idBase, updated, entries)
        {
            Id = idBase + "feed" + selection,
        };
    }
}
