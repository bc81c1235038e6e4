using System.Security.Cryptography;

namespace Archive.Core.Parsing;

public static class ContentHash
{
    /// <summary>SHA-256 of the bytes, lower-case hex: identical uploads have identical hashes.</summary>
    public static string Of(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
