using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Archive.Storage.Reading;

/// <summary>
/// Opaque paging cursors: the list key of the last post served, bound to the query it was issued for and
/// signed, so that a cursor that was not issued (or was issued for another query) is refused.
/// </summary>
public static class PageCursor
{
    // The cursor only has to be unforgeable by accident or by a curious client, not secret.
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("archive-page-cursor-v2");

    public static string Issue(string fingerprint, string lastKey)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new CursorPayload(fingerprint, lastKey, Sign(fingerprint, lastKey)));
        return Base64Url.EncodeToString(payload);
    }

    public static bool TryRead(string cursor, string fingerprint, out string lastKey)
    {
        lastKey = string.Empty;
        try
        {
            var payload = JsonSerializer.Deserialize<CursorPayload>(Base64Url.DecodeFromChars(cursor));
            if (payload is null || payload.F != fingerprint || payload.K is null || payload.S != Sign(payload.F, payload.K))
            {
                return false;
            }

            lastKey = payload.K;
            return true;
        }
        catch (Exception error) when (error is FormatException or JsonException or ArgumentException)
        {
            return false;
        }
    }

    private static string Sign(string fingerprint, string key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(fingerprint + "\n" + key)))[..16];

    private sealed record CursorPayload(string F, string K, string S);
}
