using System.Globalization;
using Archive.Core.Model;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax.Inlines;

namespace Archive.Core.Markdown;

/// <summary>
/// Links and images as §11 renders them: a resolved image with its served URL, size, variants and
/// lazy loading; a link to a post at the post's page; a missing one as its text alone. Any other
/// link is Markdig's.
/// </summary>
internal sealed class ReferenceLinkRenderer(LinkInlineRenderer markdig, PostReferences references) : HtmlObjectRenderer<LinkInline>
{
    protected override void Write(HtmlRenderer renderer, LinkInline link)
    {
        if (!references.TryGet(link, out var entry))
        {
            markdig.Write(renderer, link);
            return;
        }

        switch (entry.Resolution)
        {
            case ResolvedImage { Image: var image } when link.IsImage:
                WriteImage(renderer, link, image);
                break;
            case ResolvedImage { Image: var image }:
                WriteLink(renderer, link, image.Url);
                break;
            case ResolvedPost post:
                WriteLink(renderer, link, post.Url + (string.IsNullOrEmpty(entry.Fragment) ? string.Empty : "#" + Uri.EscapeDataString(entry.Fragment)));
                break;
            default:
                // Missing: the text stays readable (an image's alt text, a link's text).
                renderer.WriteChildren(link);
                break;
        }
    }

    private void WriteImage(HtmlRenderer renderer, LinkInline link, ServedImage image)
    {
        var width = image.Width.ToString(CultureInfo.InvariantCulture);
        renderer.Write("<img src=\"").WriteEscape(image.Url).Write("\" alt=\"");
        var wasHtml = renderer.EnableHtmlForInline;
        renderer.EnableHtmlForInline = false;
        renderer.WriteChildren(link);
        renderer.EnableHtmlForInline = wasHtml;
        renderer.Write("\" width=\"").Write(width).Write("\" height=\"").Write(image.Height.ToString(CultureInfo.InvariantCulture)).Write('"');
        if (image.Variants.Count > 0)
        {
            renderer.Write(" srcset=\"");
            foreach (var variant in image.Variants)
            {
                renderer.WriteEscape(variant.Url).Write(' ').Write(variant.Width.ToString(CultureInfo.InvariantCulture)).Write("w, ");
            }

            renderer.WriteEscape(image.Url).Write(' ').Write(width).Write("w\" sizes=\"(max-width: ").Write(width).Write("px) 100vw, ").Write(width).Write("px\"");
        }

        if (!string.IsNullOrEmpty(link.Title))
        {
            renderer.Write(" title=\"").WriteEscape(link.Title).Write('"');
        }

        renderer.Write(references.NextImageIsLazy() ? " loading=\"lazy\" decoding=\"async\">" : " decoding=\"async\">");
    }

    private static void WriteLink(HtmlRenderer renderer, LinkInline link, string url)
    {
        renderer.Write("<a href=\"").WriteEscape(url).Write('"');
        if (!string.IsNullOrEmpty(link.Title))
        {
            renderer.Write(" title=\"").WriteEscape(link.Title).Write('"');
        }

        renderer.Write('>');
        renderer.WriteChildren(link);
        renderer.Write("</a>");
    }
}
