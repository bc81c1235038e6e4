using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Archive.Api.Http;

/// <summary>The origin absolute URLs name (§11, §12): <c>Archive:SiteUrl</c>, else the one the request came to.</summary>
public static class SiteAddress
{
    public static string Origin(HttpRequest request) =>
        request.HttpContext.RequestServices?.GetService<IOptions<ApiOptions>>()?.Value.SiteUrl is { Length: > 0 } site
            ? site.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}";
}
