using System.Text;
using Markdig.Extensions.Footnotes;
using Markdig.Extensions.TaskLists;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Archive.Core.Markdown;

/// <summary>
/// One walk over a parsed document that makes it safe and reads it: link and image URLs whose
/// scheme could run script are neutralised (everywhere, the skipped block included), and the
/// plain text is written as the contract counts it: syntax removed, link text kept, link URLs and
/// images dropped, code kept; one block per line.
/// </summary>
internal sealed class PlainTextWriter
{
    private readonly StringBuilder text;
    private readonly Block? skip;
    private int muted;

    private PlainTextWriter(Block? skip, int capacity)
    {
        this.skip = skip;
        text = new StringBuilder(capacity);
    }

    public static string Write(MarkdownDocument document, Block? skip, int capacity = 256)
    {
        var writer = new PlainTextWriter(skip, capacity);
        writer.WriteBlocks(document);
        return writer.text.ToString().TrimEnd();
    }

    /// <summary>The text of some inlines alone (a heading's, say).</summary>
    public static string InlineText(ContainerInline inline)
    {
        var writer = new PlainTextWriter(null, 64);
        writer.WriteInlines(inline);
        return writer.text.ToString();
    }

    private void WriteBlocks(ContainerBlock container)
    {
        // Depth is bounded before any walk (MarkdownLimits); this turns a missed bound into a rejection, not a crash.
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        foreach (var block in container)
        {
            var skipped = ReferenceEquals(block, skip);
            muted += skipped ? 1 : 0;
            switch (block)
            {
                case LinkReferenceDefinitionGroup or FootnoteLinkReferenceDefinition:
                    break;
                case CodeBlock code:
                    for (var i = 0; i < code.Lines.Count && muted == 0; i++)
                    {
                        text.Append(code.Lines.Lines[i].Slice.AsSpan()).Append('\n');
                    }

                    break;
                case LeafBlock { Inline: { } inline }:
                    WriteInlines(inline);
                    Append('\n');
                    break;
                case ContainerBlock child:
                    WriteBlocks(child);
                    break;
            }

            muted -= skipped ? 1 : 0;
        }
    }

    private void WriteInlines(ContainerInline container)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    Append(code.Content);
                    break;
                case LineBreakInline:
                    Append('\n');
                    break;
                case HtmlEntityInline entity:
                    Append(entity.Transcoded.AsSpan());
                    break;
                case AutolinkInline autolink:
                    Append(autolink.Url);
                    autolink.Url = SafeUrls.Neutralise(autolink.Url);
                    break;
                case LinkInline link:
                    link.Url = SafeUrls.Neutralise(link.Url);
                    if (link.IsImage)
                    {
                        muted++;
                        WriteInlines(link);
                        muted--;
                    }
                    else
                    {
                        WriteInlines(link);
                    }

                    break;
                case TaskList or FootnoteLink or HtmlInline:
                    break;
                case ContainerInline child:
                    WriteInlines(child);
                    break;
            }
        }
    }

    private void Append(ReadOnlySpan<char> value)
    {
        if (muted == 0)
        {
            text.Append(value);
        }
    }

    private void Append(char value)
    {
        if (muted == 0)
        {
            text.Append(value);
        }
    }
}
