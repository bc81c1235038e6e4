using Archive.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions;

/// <summary>
/// One HTTP function per page route (§12), from the site's root: each binds the route and hands the
/// request to the page dispatcher, as <see cref="HttpFunctions"/> does for the API. A test checks the
/// generated functions.metadata against <see cref="PageRoutes.All"/>.
/// </summary>
public sealed class PageFunctions(PageDispatcher dispatcher)
{
    [Function(PageRoutes.HomeName)]
    public Task<IActionResult> Home(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = PageRoutes.Home)] HttpRequest request, CancellationToken cancellationToken) =>
        Run(PageRoutes.HomeName, request, null, null, cancellationToken);

    [Function(PageRoutes.PostName)]
    public Task<IActionResult> Post(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = PageRoutes.Post)] HttpRequest request, string? id, string? slug, CancellationToken cancellationToken) =>
        Run(PageRoutes.PostName, request, id, slug, cancellationToken);

    [Function(PageRoutes.ThemesName)]
    public Task<IActionResult> Themes(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = PageRoutes.Themes)] HttpRequest request, CancellationToken cancellationToken) =>
        Run(PageRoutes.ThemesName, request, null, null, cancellationToken);

    [Function(PageRoutes.ThemeName)]
    public Task<IActionResult> Theme(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = PageRoutes.Theme)] HttpRequest request, string? slug, CancellationToken cancellationToken) =>
        Run(PageRoutes.ThemeName, request, slug, null, cancellationToken);

    [Function(PageRoutes.TagsName)]
    public Task<IActionResult> Tags(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = PageRoutes.Tags)] HttpRequest request, CancellationToken cancellationToken) =>
        Run(PageRoutes.TagsName, request, null, null, cancellationToken);

    [Function(PageRoutes.TagName)]
    public Task<IActionResult> Tag(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = PageRoutes.Tag)] HttpRequest request, string? key, CancellationToken cancellationToken) =>
        Run(PageRoutes.TagName, request, key, null, cancellationToken);

    [Function(PageRoutes.ReadingTimeName)]
    public Task<IActionResult> ReadingTime(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = PageRoutes.ReadingTime)] HttpRequest request, CancellationToken cancellationToken) =>
        Run(PageRoutes.ReadingTimeName, request, null, null, cancellationToken);

    [Function(PageRoutes.SearchName)]
    public Task<IActionResult> Search(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = PageRoutes.Search)] HttpRequest request, CancellationToken cancellationToken) =>
        Run(PageRoutes.SearchName, request, null, null, cancellationToken);

    [Function(PageRoutes.SitemapName)]
    public Task<IActionResult> Sitemap(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = PageRoutes.Sitemap)] HttpRequest request, CancellationToken cancellationToken) =>
        Run(PageRoutes.SitemapName, request, null, null, cancellationToken);

    [Function(PageRoutes.SitemapPartName)]
    public Task<IActionResult> SitemapPart(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = PageRoutes.SitemapPart)] HttpRequest request, string? part, CancellationToken cancellationToken) =>
        Run(PageRoutes.SitemapPartName, request, part, null, cancellationToken);

    [Function(PageRoutes.RobotsName)]
    public Task<IActionResult> Robots(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = PageRoutes.Robots)] HttpRequest request, CancellationToken cancellationToken) =>
        Run(PageRoutes.RobotsName, request, null, null, cancellationToken);

    [Function(PageRoutes.FaviconName)]
    public Task<IActionResult> Favicon(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = PageRoutes.Favicon)] HttpRequest request, CancellationToken cancellationToken) =>
        Run(PageRoutes.FaviconName, request, null, null, cancellationToken);

    [Function(PageRoutes.ShareImageName)]
    public Task<IActionResult> ShareImage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = PageRoutes.ShareImage)] HttpRequest request, CancellationToken cancellationToken) =>
        Run(PageRoutes.ShareImageName, request, null, null, cancellationToken);

    [Function(PageRoutes.AssetName)]
    public Task<IActionResult> Asset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = PageRoutes.Asset)] HttpRequest request, string? name, CancellationToken cancellationToken) =>
        Run(PageRoutes.AssetName, request, name, null, cancellationToken);

    [Function(PageRoutes.NotFoundName)]
    public Task<IActionResult> NotFound(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = PageRoutes.NotFound)] HttpRequest request, CancellationToken cancellationToken) =>
        Run(PageRoutes.NotFoundName, request, null, null, cancellationToken);

    [Function(PageRoutes.ApiNotFoundName)]
    public Task<IActionResult> ApiNotFound(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = PageRoutes.ApiNotFound)] HttpRequest request, CancellationToken cancellationToken) =>
        Run(PageRoutes.ApiNotFoundName, request, null, null, cancellationToken);

    private async Task<IActionResult> Run(string name, HttpRequest request, string? value, string? second, CancellationToken cancellationToken) =>
        new ResultActionResult(await dispatcher.InvokeAsync(PageRoutes.All.Single(r => r.Name == name), request, value, second, cancellationToken));
}
