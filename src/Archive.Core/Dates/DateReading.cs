using Archive.Core.Model;

namespace Archive.Core.Dates;

/// <summary>What a front-matter date reads as; <see cref="Date"/> is null when it could not be read.</summary>
public sealed record DateReading(PostDate? Date, bool Inferred, string? Warning)
{
    public static readonly DateReading Absent = new(null, false, null);
}
