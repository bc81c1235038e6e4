using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Archive.Api.Http;

/// <summary>The origin absolute URLs name (§11, §12): <c>Archive:SiteUrl</c>, else the one the request came to.</summary>
public static class SiteAddress
{
    /// <summary>A request without a Host (HTTP/1.0) is served, its URLs naming this origin when no SiteUrl is set.</summary>
    private const string NoHost = "http://localhost";

    public static string Origin(HttpRequest request) =>
        request.HttpContext.RequestServices?.GetService<IOptions<ApiOptions>>()?.Value.SiteUrl is { Length: > 0 } site
            ? site.TrimEnd('/')
            : request.Host.HasValue && HostProblem(request) is null ? $"{request.Scheme}://{request.Host}" : NoHost;

    /// <summary>Why the request's Host cannot name an origin (a port past 65535, not a host name); null when it can, or when there is none.</summary>
    public static string? HostProblem(HttpRequest request)
    {
        if (!request.Host.HasValue)
        {
            return null;
        }

        var host = request.Host.Value;
        return host.Length <= 255 && Uri.TryCreate($"http://{host}/", UriKind.Absolute, out var uri) && uri.Authority.Length > 0 && request.Host.Port is null or (> 0 and <= 65535)
            ? null
            : "the Host header is not a host name with an optional port";
    }
}
