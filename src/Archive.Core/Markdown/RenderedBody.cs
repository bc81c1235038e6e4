namespace Archive.Core.Markdown;

/// <summary>A body rendered: sanitized HTML, the counted plain text, and the excerpt source.</summary>
public sealed record RenderedBody(string Html, string Text, string? TextBeforeMore, string? FirstHeading);
