namespace Archive.Core.Model;

public enum ParseOutcome
{
    Accepted,
    Rejected,

    /// <summary>Not a markdown blob: not a post, and not a rejection either.</summary>
    Ignored,
}
