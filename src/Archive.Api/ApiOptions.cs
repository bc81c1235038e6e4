using System.ComponentModel.DataAnnotations;

namespace Archive.Api;

/// <summary>How the API answers (section "Archive" of the configuration).</summary>
public sealed class ApiOptions
{
    /// <summary><c>Cache-Control: public, max-age=N</c> on public GETs.</summary>
    [Range(0, 86_400)]
    public int CacheMaxAgeSeconds { get; set; } = 60;

    /// <summary>Origins allowed by CORS (the local host; in Azure the Function App's CORS setting).</summary>
    public string[] CorsOrigins { get; set; } = ["*"];

    /// <summary>The key admin routes of the local host require (header <c>x-functions-key</c> or query <c>code</c>).</summary>
    public string? AdminKey { get; set; }
}
