using System.Text.Json;
using Archive.Core.Contract;

namespace Archive.Api.Http;

/// <summary>A response body already serialized, so that a cached body is written as it is.</summary>
public sealed class Utf8Json(byte[] bytes)
{
    public ReadOnlyMemory<byte> Bytes { get; } = bytes;

    public static Utf8Json? From(object? body) =>
        body is null ? null : new Utf8Json(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), ArchiveJson.Options));
}
