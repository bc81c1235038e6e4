using Archive.Storage.Changes;
using Archive.Storage.Totals;

namespace Archive.Api.Tokens;

/// <summary><c>/api/changes</c>' tokens (§9): a <see cref="ChangeToken"/> as clients hold it, opaque and signed, so a token that was never issued is refused.</summary>
public static class ChangeTokens
{
    // Only has to be unforgeable by accident or by a curious client, not secret (as page cursors).
    private static readonly TokenSigner Signer = new("archive-change-token-v1", 20);

    public static string Issue(ChangeToken token) =>
        TokenSigner.Encode(new ChangeTokenPayload(token.Versions, token.Generations, token.Cut, Signer.Sign(Body(token))), TokenJsonContext.Default.ChangeTokenPayload);

    public static bool TryRead(string text, out ChangeToken token)
    {
        token = ChangeToken.Beginning;
        if (TokenSigner.Decode(text, TokenJsonContext.Default.ChangeTokenPayload) is not { V: { Length: TotalsShards.Count } versions, G: { Length: TotalsShards.Count } generations } payload
            || versions.Any(v => v < 0) || generations.Any(g => g is null || g.Length > 64)
            || payload.C is { } cut && (cut.Length > 128 || !cut.StartsWith(Storage.Tables.RowKeys.ChangePrefix, StringComparison.Ordinal)))
        {
            return false;
        }

        var read = new ChangeToken(versions, generations, payload.C);
        if (!Signer.Verifies(Body(read), payload.S))
        {
            return false;
        }

        token = read;
        return true;
    }

    private static string Body(ChangeToken token) => string.Join(',', token.Versions) + "\n" + string.Join(',', token.Generations) + "\n" + token.Cut;
}

internal sealed record ChangeTokenPayload(long[] V, string[] G, string? C, string S);
