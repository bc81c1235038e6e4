using System.Text.Json.Serialization;

namespace Archive.Api.OpenApi;

/// <summary>
/// An RFC 9457 problem as the API writes it (<c>Results.Problem</c>), described for the document:
/// <c>title</c>, <c>status</c> and <c>detail</c> always; other members (a <c>traceId</c>) may follow.
/// </summary>
public sealed class ProblemBody
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Type { get; init; }

    public required string Title { get; init; }

    public required int Status { get; init; }

    public required string Detail { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Instance { get; init; }
}
