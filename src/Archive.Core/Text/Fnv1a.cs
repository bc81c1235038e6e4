namespace Archive.Core.Text;

/// <summary>FNV-1a over a string's UTF-16 code units: cheap, and stable across processes and runtimes, unlike <c>string.GetHashCode</c>.</summary>
public static class Fnv1a
{
    public static uint Hash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
