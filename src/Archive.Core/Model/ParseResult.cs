namespace Archive.Core.Model;

/// <summary>What one blob parses to: a post, a rejection with its reason, or nothing (ignored).</summary>
public sealed record ParseResult(ParseOutcome Outcome, Post? Post, string? Reason, string ContentHash)
{
    public static ParseResult Accepted(Post post) => new(ParseOutcome.Accepted, post, null, post.ContentHash);

    public static ParseResult Rejected(string reason, string contentHash) => new(ParseOutcome.Rejected, null, reason, contentHash);

    public static ParseResult Ignored(string reason, string contentHash) => new(ParseOutcome.Ignored, null, reason, contentHash);
}
