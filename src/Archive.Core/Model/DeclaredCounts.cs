namespace Archive.Core.Model;

/// <summary>The counts the front matter declared, kept beside the computed ones.</summary>
public sealed record DeclaredCounts(int? WordCount, int? ReadingTime)
{
    public static readonly DeclaredCounts None = new(null, null);
}
