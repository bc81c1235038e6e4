using System.Text.RegularExpressions;

namespace Archive.Core.Parsing;

/// <summary>Post ids: ASCII letters, digits, <c>_</c> and <c>-</c>, at most 128 characters; compared case-insensitively.</summary>
public static partial class PostId
{
    public const int MaxLength = 128;

    public static bool IsValid(string? id) => id is not null && Shape().IsMatch(id);

    /// <summary>The form ids are stored and compared in.</summary>
    public static string Key(string id) => id.ToLowerInvariant();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,128}$")]
    private static partial Regex Shape();
}
