using Archive.Api.Endpoints;
using Archive.Api.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions;

/// <summary>
/// One HTTP function per route of the route table: each binds the route and hands the request to
/// the dispatcher. Names, methods and templates come from the route table's constants; a test
/// checks the generated functions.metadata against the table.
/// </summary>
public sealed class HttpFunctions(ApiDispatcher dispatcher)
{
    [Function("ListPosts")]
    public Task<IActionResult> ListPosts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.Posts)] HttpRequest request, CancellationToken cancellationToken) =>
        Run("ListPosts", request, null, cancellationToken);

    [Function("GetPost")]
    public Task<IActionResult> GetPost(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.Post)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Run("GetPost", request, id, cancellationToken);

    [Function("ListThemes")]
    public Task<IActionResult> ListThemes(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.Themes)] HttpRequest request, CancellationToken cancellationToken) =>
        Run("ListThemes", request, null, cancellationToken);

    [Function("Search")]
    public Task<IActionResult> Search(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.Search)] HttpRequest request, CancellationToken cancellationToken) =>
        Run("Search", request, null, cancellationToken);

    [Function("GetRelated")]
    public Task<IActionResult> GetRelated(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.Related)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Run("GetRelated", request, id, cancellationToken);

    [Function("GetThemeSuggestions")]
    public Task<IActionResult> GetThemeSuggestions(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = Routes.ThemeSuggestions)] HttpRequest request, CancellationToken cancellationToken) =>
        Run("GetThemeSuggestions", request, null, cancellationToken);

    [Function("ListTags")]
    public Task<IActionResult> ListTags(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.Tags)] HttpRequest request, CancellationToken cancellationToken) =>
        Run("ListTags", request, null, cancellationToken);

    [Function("GetTheme")]
    public Task<IActionResult> GetTheme(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.Theme)] HttpRequest request, string slug, CancellationToken cancellationToken) =>
        Run("GetTheme", request, slug, cancellationToken);

    [Function("GetReadingTime")]
    public Task<IActionResult> GetReadingTime(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.ReadingTime)] HttpRequest request, CancellationToken cancellationToken) =>
        Run("GetReadingTime", request, null, cancellationToken);

    [Function("GetHealth")]
    public Task<IActionResult> GetHealth(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.Health)] HttpRequest request, CancellationToken cancellationToken) =>
        Run("GetHealth", request, null, cancellationToken);

    [Function("GetOpenApi")]
    public Task<IActionResult> GetOpenApi(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.OpenApi)] HttpRequest request, CancellationToken cancellationToken) =>
        Run("GetOpenApi", request, null, cancellationToken);

    [Function("ListChanges")]
    public Task<IActionResult> ListChanges(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.Changes)] HttpRequest request, CancellationToken cancellationToken) =>
        Run("ListChanges", request, null, cancellationToken);

    [Function("GetJsonFeed")]
    public Task<IActionResult> GetJsonFeed(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.JsonFeed)] HttpRequest request, CancellationToken cancellationToken) =>
        Run("GetJsonFeed", request, null, cancellationToken);

    [Function("GetAtomFeed")]
    public Task<IActionResult> GetAtomFeed(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.AtomFeed)] HttpRequest request, CancellationToken cancellationToken) =>
        Run("GetAtomFeed", request, null, cancellationToken);

    [Function("ListRejections")]
    public Task<IActionResult> ListRejections(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = Routes.Rejections)] HttpRequest request, CancellationToken cancellationToken) =>
        Run("ListRejections", request, null, cancellationToken);

    [Function("GetBlobState")]
    public Task<IActionResult> GetBlobState(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = Routes.BlobState)] HttpRequest request, string name, CancellationToken cancellationToken) =>
        Run("GetBlobState", request, name, cancellationToken);

    [Function("Reindex")]
    public Task<IActionResult> Reindex(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Reindex)] HttpRequest request, CancellationToken cancellationToken) =>
        Run("Reindex", request, null, cancellationToken);

    private async Task<IActionResult> Run(string name, HttpRequest request, string? routeValue, CancellationToken cancellationToken) =>
        new ResultActionResult(await dispatcher.InvokeAsync(RouteTable.Named(name), request, routeValue, cancellationToken));
}
