using System.Text.Json;
using Archive.Core.Stored;

namespace Archive.Api.Contracts;

/// <summary>Archive's JSON settings (<see cref="ArchiveJson"/>) with the API's bodies source-generated.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = ArchiveJson.Create(ApiJsonContext.Default);
}
