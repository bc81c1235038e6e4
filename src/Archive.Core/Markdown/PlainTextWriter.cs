using System.Text;
using Markdig.Extensions.Footnotes;
using Markdig.Extensions.TaskLists;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Archive.Core.Markdown;

/// <summary>
/// The plain text of a markdown document as the contract counts it: syntax removed, link text
/// kept, link URLs and images dropped, code kept; one block per line.
/// </summary>
internal static class PlainTextWriter
{
    public static string Write(MarkdownDocument document, Block? skip)
    {
        var text = new StringBuilder();
        WriteBlocks(document, skip, text);
        return text.ToString().TrimEnd();
    }

    public static string InlineText(ContainerInline inline)
    {
        var text = new StringBuilder();
        WriteInlines(inline, text);
        return text.ToString();
    }

    private static void WriteBlocks(ContainerBlock container, Block? skip, StringBuilder text)
    {
        foreach (var block in container)
        {
            if (ReferenceEquals(block, skip))
            {
                continue;
            }

            switch (block)
            {
                case LinkReferenceDefinitionGroup or FootnoteLinkReferenceDefinition:
                    break;
                case CodeBlock code:
                    foreach (var line in code.Lines.Lines.Take(code.Lines.Count))
                    {
                        text.Append(line.Slice.ToString()).Append('\n');
                    }

                    break;
                case LeafBlock { Inline: { } inline }:
                    WriteInlines(inline, text);
                    text.Append('\n');
                    break;
                case ContainerBlock child:
                    WriteBlocks(child, skip, text);
                    break;
            }
        }
    }

    private static void WriteInlines(ContainerInline container, StringBuilder text)
    {
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline:
                    text.Append('\n');
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.AsSpan());
                    break;
                case AutolinkInline autolink:
                    text.Append(autolink.Url);
                    break;
                case LinkInline { IsImage: true }:
                case TaskList:
                case FootnoteLink:
                case HtmlInline:
                    break;
                case ContainerInline child:
                    WriteInlines(child, text);
                    break;
            }
        }
    }
}
