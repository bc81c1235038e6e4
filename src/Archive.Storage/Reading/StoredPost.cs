using Archive.Core.Contract;

namespace Archive.Storage.Reading;

/// <summary>A served post as stored: its summary, its content and where it came from.</summary>
public sealed record StoredPost(PostSummary Summary, PostContent Content, PostSource Source);
