namespace Archive.Api.Tokens;

/// <summary>
/// Opaque paging cursors: what the next page starts after (a list key, a search rank), bound to the
/// query it was issued for and signed, so that a cursor that was not issued (or was issued for another query) is refused.
/// </summary>
public static class PageCursor
{
    // The cursor only has to be unforgeable by accident or by a curious client, not secret.
    private static readonly TokenSigner Signer = new("archive-page-cursor-v2", 16);

    public static string Issue(string fingerprint, string after) =>
        TokenSigner.Encode(new CursorPayload(fingerprint, after, Signer.Sign(Body(fingerprint, after))), TokenJsonContext.Default.CursorPayload);

    public static bool TryRead(string cursor, string fingerprint, out string after)
    {
        after = string.Empty;
        if (TokenSigner.Decode(cursor, TokenJsonContext.Default.CursorPayload) is not { K: { } key } payload
            || payload.F != fingerprint || !Signer.Verifies(Body(payload.F, key), payload.S))
        {
            return false;
        }

        after = key;
        return true;
    }

    private static string Body(string fingerprint, string key) => fingerprint + "\n" + key;
}

internal sealed record CursorPayload(string F, string K, string S);
