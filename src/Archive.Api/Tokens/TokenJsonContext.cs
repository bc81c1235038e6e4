using System.Text.Json.Serialization;

namespace Archive.Api.Tokens;

/// <summary>The tokens' payloads, as they have always been written (short member names as they are, no naming policy).</summary>
[JsonSerializable(typeof(CursorPayload))]
[JsonSerializable(typeof(ChangeTokenPayload))]
internal sealed partial class TokenJsonContext : JsonSerializerContext;
