using Markdig;

namespace Archive.Core.Markdown;

/// <summary>
/// CommonMark with the usual GitHub extensions. Raw HTML is disabled (written out as escaped
/// text), so the only tags in the output are Markdig's own: no script, no event handlers.
/// Generic attributes (<c>{onclick=...}</c>) are deliberately not enabled.
/// </summary>
internal static class MarkdownPipelineFactory
{
    public static MarkdownPipeline Create() =>
        new MarkdownPipelineBuilder()
            .UsePipeTables()
            .UseEmphasisExtras()
            .UseTaskLists()
            .UseAutoLinks()
            .UseFootnotes()
            .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
            .DisableHtml()
            .Build();
}
