namespace Archive.Storage.Reading;

/// <summary>A tag as <c>/api/tags</c> lists it: its key, its most common spelling, how many served posts have it.</summary>
public sealed record TagCount(string Key, string Name, int Posts);
