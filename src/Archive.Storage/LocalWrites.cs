namespace Archive.Storage;

/// <summary>
/// How many writes this instance has committed (ingests, reindexes, deletions): a read cache
/// compares it with the count its snapshot was read at, so an instance serves its own writes at
/// once instead of after its cache's lifetime. Other instances' writes reach it through the version row.
/// </summary>
public sealed class LocalWrites
{
    private long count;

    public long Count => Interlocked.Read(ref count);

    public void Wrote() => Interlocked.Increment(ref count);
}
