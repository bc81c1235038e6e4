using Archive.Api.Routing;
using Microsoft.AspNetCore.Http;

namespace Archive.Api.Http;

/// <summary>Contract §8: a query parameter a route does not take is a 400 that names it, not silently ignored.</summary>
public static class QueryParameters
{
    /// <summary>The function key's parameter, which every route accepts (the Functions host reads it).</summary>
    public const string FunctionKey = "code";

    /// <summary>The reason for a 400 when the query holds a parameter the route does not take; null when all are known.</summary>
    public static string? Unknown(ApiRoute route, IQueryCollection query)
    {
        foreach (var name in query.Keys)
        {
            if (name != FunctionKey && !route.Parameters.Any(p => p.In == ParameterPlace.Query && p.Name == name))
            {
                var known = route.Parameters.Where(p => p.In == ParameterPlace.Query).Select(p => p.Name).ToList();
                return $"unknown query parameter '{Shorten(name)}'; this route takes " + (known.Count == 0 ? "none" : string.Join(", ", known));
            }
        }

        return null;
    }

    /// <summary>
    /// The query as a cache key: parameters in ordinal order, each with its values, the function
    /// key left out. Only known parameters reach it (others are a 400), so the keys a client can
    /// make are the queries the routes answer.
    /// </summary>
    public static string Normalized(IQueryCollection query) =>
        string.Join('&', query.Where(q => q.Key != FunctionKey).OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => q.Key + "=" + string.Join(',', q.Value.ToArray())));

    /// <summary>What identifies a response in the read cache: path (with the route value, in its own case) and normalized query.</summary>
    public static string CacheKey(HttpRequest request) => "|" + request.Path + "?" + Normalized(request.Query);

    private static string Shorten(string name) => name.Length <= 60 ? name : name[..60] + "…";
}
