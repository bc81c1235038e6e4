namespace Archive.Api.Routing;

public enum ParameterPlace
{
    Path,
    Query,
}

/// <summary>A route's parameter, for the OpenAPI document.</summary>
public sealed record ApiParameter(string Name, ParameterPlace In, string Type, string Description, IReadOnlyList<string>? Values = null);
