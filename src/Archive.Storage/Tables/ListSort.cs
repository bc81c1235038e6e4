namespace Archive.Storage.Tables;

/// <summary>The orders <c>/api/posts</c> can page in; each value is the letter of its index in row keys.</summary>
public enum ListSort
{
    Newest = 'n',
    Oldest = 'o',
    Longest = 'l',
    Shortest = 's',
}
