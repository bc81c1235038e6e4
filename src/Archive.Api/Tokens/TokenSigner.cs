using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Archive.Api.Tokens;

/// <summary>
/// Opaque tokens a client hands back (page cursors, change tokens): a JSON payload, base64url,
/// carrying an HMAC-SHA256 of what it stands for, so that one that was not issued is refused.
/// One signer per kind of token, each with a key of its own.
/// </summary>
internal sealed class TokenSigner(string key, int signatureLength)
{
    private readonly byte[] key = Encoding.UTF8.GetBytes(key);

    public string Sign(string body) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(body)))[..signatureLength];

    public bool Verifies(string body, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(body)), Encoding.ASCII.GetBytes(signature));

    public static string Encode<T>(T payload, JsonTypeInfo<T> type) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(payload, type));

    /// <summary>The payload of <paramref name="text"/>; null when it is not base64url JSON of that shape.</summary>
    public static T? Decode<T>(string text, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(Base64Url.DecodeFromChars(text), type);
        }
        catch (Exception error) when (error is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }
}
