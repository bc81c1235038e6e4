using System.Text.RegularExpressions;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax;

namespace Archive.Core.Markdown;

/// <summary>Markdown to sanitized HTML and to the plain text the contract counts (§3).</summary>
public static partial class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = MarkdownPipelineFactory.Create();

    /// <param name="title">
    /// A first <c>#</c> heading with this text is left out of the plain text. Null for a post
    /// without front matter: its first heading is its title, and is left out.
    /// </param>
    /// <exception cref="Parsing.InputLimitException">The markdown goes past a limit of <paramref name="options"/>.</exception>
    /// <param name="blobName">The post's blob: relative references resolve against it (§11).</param>
    /// <param name="resolved">What each referenced blob is now, as the ingest looked it up; null or absent: not there.</param>
    public static RenderedBody Render(string markdown, string? title, ParserOptions options, string blobName = "", IReadOnlyDictionary<string, ResolvedReference>? resolved = null)
    {
        MarkdownLimits.CheckBeforeParse(markdown, options);
        var more = MoreLine().Match(markdown);
        string? textBeforeMore = null;
        if (more.Success)
        {
            var before = markdown[..more.Index];
            textBeforeMore = ReadText(Parse(before, options), title, before.Length).ExcerptText;

            // The marker ends a paragraph, as an HTML comment line would; it is not shown.
            markdown = before + "\n" + markdown[(more.Index + more.Length)..];
        }

        var document = Parse(markdown, options);
        var (text, excerptText, heading) = ReadText(document, title, markdown.Length); // also neutralises unsafe URLs, before rendering
        var references = PostReferences.Collect(document, blobName, resolved);
        StrictPresentation.Apply(document);

        using var writer = new StringWriter(new System.Text.StringBuilder(markdown.Length + markdown.Length / 4), System.Globalization.CultureInfo.InvariantCulture);
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        if (references.Blobs.Count > 0 || references.Warnings.Count > 0)
        {
            var links = renderer.ObjectRenderers.FindExact<LinkInlineRenderer>()!;
            renderer.ObjectRenderers.Replace<LinkInlineRenderer>(new ReferenceLinkRenderer(links, references));
        }

        renderer.Render(document);
        writer.Flush();
        return new RenderedBody(writer.ToString(), text, textBeforeMore, heading)
        {
            ExcerptText = excerptText,
            References = references.Blobs,
            Media = references.Media,
            Warnings = references.Warnings,
            ReferenceFingerprint = references.Blobs.Count > 0 || references.Warnings.Count > 0 ? references.Fingerprint : null,
        };
    }

    /// <summary>Parses, and checks the depth before anything walks the tree (ours recursively, Markdig's renderer too).</summary>
    private static MarkdownDocument Parse(string markdown, ParserOptions options)
    {
        MarkdownDocument document;
        try
        {
            document = Markdig.Markdown.Parse(markdown, Pipeline);
        }
        catch (ArgumentException error) when (MarkdownLimits.IsMarkdigDepthLimit(error))
        {
            throw new Parsing.InputLimitException(MarkdownLimits.MarkdigDepthReason);
        }

        MarkdownLimits.CheckDepth(document, options.MaxNestingDepth);
        return document;
    }

    /// <summary>
    /// The counted plain text (without a first level-1 heading that is the title, §3), the excerpt's
    /// (without a first level-1 heading whatever its text, §1: a heading glued to a paragraph reads
    /// as nonsense), and that heading's text: found once, used for all three.
    /// </summary>
    private static (string Text, string ExcerptText, string? FirstHeading) ReadText(MarkdownDocument document, string? title, int capacity)
    {
        var heading = FindFirstHeading(document);
        var headingText = heading is null ? null : HeadingText(heading);
        var skip = headingText is not null && (title is null || headingText == title.Trim()) ? heading : null;
        var text = PlainTextWriter.Write(document, skip, capacity);
        return (text, skip == heading ? text : PlainTextWriter.Write(document, heading, capacity), headingText);
    }

    private static HeadingBlock? FindFirstHeading(MarkdownDocument document) =>
        document.Descendants<HeadingBlock>().FirstOrDefault(h => h.Level == 1);

    private static string HeadingText(HeadingBlock heading) =>
        heading.Inline is null ? string.Empty : PlainTextWriter.InlineText(heading.Inline).Trim();

    [GeneratedRegex(@"^[ \t]*<!--\s*more\s*-->[ \t]*(\n|$)", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex MoreLine();
}
