namespace Archive.Core.Parsing;

/// <summary>
/// The fixed limits on the fields a post is listed with. They keep every summary small enough that
/// five of them (a scope's longest posts) fit one table property of 32K characters, and every key
/// derived from them fits a row key.
/// </summary>
public static class InputLimits
{
    public const int MaxTitleCharacters = 300;
    public const int MaxDescriptionCharacters = 2_000;
    public const int MaxThemeCharacters = 100;
    public const int MaxTags = 30;
    public const int MaxTagCharacters = 60;
    public const int MaxDateCharacters = 100;

    /// <summary>A summary as stored (its JSON): five of them, with their keys, stay under 32,768 characters.</summary>
    public const int MaxSummaryCharacters = 6_000;
}
