namespace Archive.Api.Routing;

public enum ParameterPlace
{
    Path,
    Query,
}

/// <summary>A route's parameter, for the OpenAPI document: its JSON Schema type, and the constraints the handlers enforce.</summary>
public sealed record ApiParameter(string Name, ParameterPlace In, string Type, string Description, IReadOnlyList<string>? Values = null)
{
    public int? Minimum { get; init; }

    /// <summary>A query parameter the route cannot answer without (path parameters always are).</summary>
    public bool Required { get; init; }
    public int? Maximum { get; init; }

    /// <summary>A JSON Schema format (<c>date</c>).</summary>
    public string? Format { get; init; }
}
