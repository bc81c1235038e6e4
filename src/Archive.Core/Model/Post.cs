using System.Text.Json.Nodes;

namespace Archive.Core.Model;

/// <summary>One parsed post: everything the API serves about it.</summary>
public sealed record Post
{
    public required string Id { get; init; }
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public PostDate? Date { get; init; }
    public string? DateText { get; init; }
    public bool DateInferred { get; init; }
    public required string Description { get; init; }
    public required string ThemeSlug { get; init; }
    public required string ThemeName { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public int WordCount { get; init; }
    public int ReadingTime { get; init; }
    public bool EncodingRepaired { get; init; }
    public bool Draft { get; init; }

    /// <summary>Sanitized HTML of the body.</summary>
    public required string Html { get; init; }

    /// <summary>The repaired body, without front matter.</summary>
    public required string Markdown { get; init; }

    /// <summary>The plain text that was counted.</summary>
    public required string Text { get; init; }

    public required DeclaredCounts Declared { get; init; }
    public required JsonObject Extra { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>The blob the post came from.</summary>
    public required string Blob { get; init; }

    /// <summary>SHA-256 of the blob's bytes, lower-case hex.</summary>
    public required string ContentHash { get; init; }

    /// <summary>
    /// What the served version is made of: the bytes' hash when the post references no image or
    /// post, else a hash of the bytes, the rendering version and what each reference rendered as.
    /// Its content blob is named by it; a referenced blob's change gives a new one.
    /// </summary>
    public string RenderHash { get; init; } = string.Empty;

    /// <summary>The images and posts it references (§11), in the order first referenced.</summary>
    public IReadOnlyList<Markdown.BlobReference> References { get; init; } = [];

    /// <summary>Its served images, in the order first referenced.</summary>
    public IReadOnlyList<PostMedia> Media { get; init; } = [];

    /// <summary>The first of them, as lists show it; null without one.</summary>
    public PostImage? Image { get; init; }
}
