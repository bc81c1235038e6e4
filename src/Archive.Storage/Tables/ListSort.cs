namespace Archive.Storage.Tables;

/// <summary>The orders <c>/api/posts</c> can page in; each value is its letter in a cursor's query fingerprint.</summary>
public enum ListSort
{
    Newest = 'n',
    Oldest = 'o',
    Longest = 'l',
    Shortest = 's',
}
