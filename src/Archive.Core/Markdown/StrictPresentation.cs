using Markdig.Extensions.Tables;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Archive.Core.Markdown;

/// <summary>
/// What the reader's Content-Security-Policy lets a post show (§11, §12): table alignment as a
/// class (<c>align-right</c>) instead of the inline <c>style</c> Markdig writes, which
/// <c>style-src 'self'</c> blocks; an image from another origin sends no referrer, so the owner's
/// choice to show one does not tell that origin which page each reader opened.
/// </summary>
internal static class StrictPresentation
{
    public static void Apply(MarkdownDocument document)
    {
        foreach (var table in document.Descendants<Table>())
        {
            foreach (var row in table.OfType<TableRow>())
            {
                // As Markdig's renderer counts columns: a cell's place in its row.
                for (var column = 0; column < row.Count && column < table.ColumnDefinitions.Count; column++)
                {
                    if (row[column] is TableCell cell && table.ColumnDefinitions[column].Alignment is { } alignment)
                    {
                        cell.GetAttributes().AddClass("align-" + alignment.ToString().ToLowerInvariant());
                    }
                }
            }

            foreach (var definition in table.ColumnDefinitions)
            {
                definition.Alignment = null;
            }
        }

        foreach (var image in document.Descendants<LinkInline>().Where(l => l.IsImage && IsOtherOrigin(l.Url)))
        {
            image.GetAttributes().AddPropertyIfNotExist("referrerpolicy", "no-referrer");
        }
    }

    private static bool IsOtherOrigin(string? url) =>
        url is not null && (url.StartsWith("https:", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http:", StringComparison.OrdinalIgnoreCase) || url.StartsWith("//", StringComparison.Ordinal));
}
