using Archive.Api.Endpoints;
using Archive.Api.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions;

/// <summary>
/// One HTTP function per route of the route table: each binds the route and hands the request to
/// the dispatcher. Names, methods and templates come from the route table's constants (under
/// <c>api/</c>: host.json's routePrefix is "", so that pages answer from the site's root, §12); a test
/// checks the generated functions.metadata against the table.
/// </summary>
public sealed class HttpFunctions(ApiDispatcher dispatcher)
{
    [Function(FunctionNames.ListPosts)]
    public Task<IActionResult> ListPosts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.Api + Routes.Posts)] HttpRequest request, CancellationToken cancellationToken) =>
        Run(FunctionNames.ListPosts, request, null, cancellationToken);

    [Function(FunctionNames.GetPost)]
    public Task<IActionResult> GetPost(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.Api + Routes.Post)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Run(FunctionNames.GetPost, request, id, cancellationToken);

    [Function(FunctionNames.ListThemes)]
    public Task<IActionResult> ListThemes(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.Api + Routes.Themes)] HttpRequest request, CancellationToken cancellationToken) =>
        Run(FunctionNames.ListThemes, request, null, cancellationToken);

    [Function(FunctionNames.Search)]
    public Task<IActionResult> Search(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.Api + Routes.Search)] HttpRequest request, CancellationToken cancellationToken) =>
        Run(FunctionNames.Search, request, null, cancellationToken);

    [Function(FunctionNames.GetRelated)]
    public Task<IActionResult> GetRelated(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.Api + Routes.Related)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Run(FunctionNames.GetRelated, request, id, cancellationToken);

    [Function(FunctionNames.GetThemeSuggestions)]
    public Task<IActionResult> GetThemeSuggestions(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = Routes.Api + Routes.ThemeSuggestions)] HttpRequest request, CancellationToken cancellationToken) =>
        Run(FunctionNames.GetThemeSuggestions, request, null, cancellationToken);

    [Function(FunctionNames.ListTags)]
    public Task<IActionResult> ListTags(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.Api + Routes.Tags)] HttpRequest request, CancellationToken cancellationToken) =>
        Run(FunctionNames.ListTags, request, null, cancellationToken);

    [Function(FunctionNames.GetTheme)]
    public Task<IActionResult> GetTheme(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.Api + Routes.Theme)] HttpRequest request, string slug, CancellationToken cancellationToken) =>
        Run(FunctionNames.GetTheme, request, slug, cancellationToken);

    [Function(FunctionNames.GetReadingTime)]
    public Task<IActionResult> GetReadingTime(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.Api + Routes.ReadingTime)] HttpRequest request, CancellationToken cancellationToken) =>
        Run(FunctionNames.GetReadingTime, request, null, cancellationToken);

    [Function(FunctionNames.GetHealth)]
    public Task<IActionResult> GetHealth(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.Api + Routes.Health)] HttpRequest request, CancellationToken cancellationToken) =>
        Run(FunctionNames.GetHealth, request, null, cancellationToken);

    [Function(FunctionNames.GetOpenApi)]
    public Task<IActionResult> GetOpenApi(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.Api + Routes.OpenApi)] HttpRequest request, CancellationToken cancellationToken) =>
        Run(FunctionNames.GetOpenApi, request, null, cancellationToken);

    [Function(FunctionNames.ListChanges)]
    public Task<IActionResult> ListChanges(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.Api + Routes.Changes)] HttpRequest request, CancellationToken cancellationToken) =>
        Run(FunctionNames.ListChanges, request, null, cancellationToken);

    [Function(FunctionNames.GetJsonFeed)]
    public Task<IActionResult> GetJsonFeed(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.Api + Routes.JsonFeed)] HttpRequest request, CancellationToken cancellationToken) =>
        Run(FunctionNames.GetJsonFeed, request, null, cancellationToken);

    [Function(FunctionNames.GetAtomFeed)]
    public Task<IActionResult> GetAtomFeed(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.Api + Routes.AtomFeed)] HttpRequest request, CancellationToken cancellationToken) =>
        Run(FunctionNames.GetAtomFeed, request, null, cancellationToken);

    [Function(FunctionNames.ListRejections)]
    public Task<IActionResult> ListRejections(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = Routes.Api + Routes.Rejections)] HttpRequest request, CancellationToken cancellationToken) =>
        Run(FunctionNames.ListRejections, request, null, cancellationToken);

    [Function(FunctionNames.GetBlobState)]
    public Task<IActionResult> GetBlobState(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = Routes.Api + Routes.BlobState)] HttpRequest request, string name, CancellationToken cancellationToken) =>
        Run(FunctionNames.GetBlobState, request, name, cancellationToken);

    [Function(FunctionNames.GetMedia)]
    public Task<IActionResult> GetMedia(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.Api + Routes.Media)] HttpRequest request, string name, CancellationToken cancellationToken) =>
        Run(FunctionNames.GetMedia, request, name, cancellationToken);

    [Function(FunctionNames.Reindex)]
    public Task<IActionResult> Reindex(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Api + Routes.Reindex)] HttpRequest request, CancellationToken cancellationToken) =>
        Run(FunctionNames.Reindex, request, null, cancellationToken);

    private async Task<IActionResult> Run(string name, HttpRequest request, string? routeValue, CancellationToken cancellationToken) =>
        new ResultActionResult(await dispatcher.InvokeAsync(RouteTable.Named(name), request, routeValue, cancellationToken));
}
