using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;

namespace Archive.Api.Feeds;

/// <summary>A feed as Atom 1.0 (RFC 4287), written by System.ServiceModel.Syndication.</summary>
public static class AtomFeed
{
    public const string MediaType = "application/atom+xml";

    public static byte[] Write(FeedModel model)
    {
        var feed = new SyndicationFeed(Clean(model.Title), null, model.HomePage, model.Id, model.Updated);
        feed.Authors.Add(new SyndicationPerson { Name = Clean(model.Author) });
        feed.Links.Add(new SyndicationLink(model.Self, "self", null, MediaType, 0));
        feed.Items = [.. model.Entries.Select(e => Item(e, model.IdBase))];

        using var output = new MemoryStream();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }

        return output.ToArray();
    }

    private static SyndicationItem Item(FeedEntry entry, string idBase)
    {
        var item = new SyndicationItem
        {
            // RFC 4151 tag URI: the post id under the authority of the feed's site.
            Id = idBase + "posts/" + entry.Id,
            Title = new TextSyndicationContent(Clean(entry.Title)),
            Summary = new TextSyndicationContent(Clean(entry.Summary)),
            Content = SyndicationContent.CreateHtmlContent(Clean(entry.Html)),
            LastUpdatedTime = entry.Modified,
        };
        if (entry.Published is { } published)
        {
            item.PublishDate = published;
        }

        item.Links.Add(SyndicationLink.CreateAlternateLink(entry.Url, "text/html"));
        foreach (var tag in entry.Tags)
        {
            item.Categories.Add(new SyndicationCategory(Clean(tag)));
        }

        return item;
    }

    /// <summary>Characters XML 1.0 cannot carry (the parser removes control characters, but a feed never depends on it) become U+FFFD.</summary>
    private static string Clean(string text)
    {
        StringBuilder? clean = null;
        for (var i = 0; i < text.Length; i++)
        {
            var pair = char.IsSurrogatePair(text, i);
            var valid = pair || XmlConvert.IsXmlChar(text[i]);
            if (!valid && clean is null)
            {
                clean = new StringBuilder(text.Length).Append(text, 0, i);
            }

            clean?.Append(valid ? text.AsSpan(i, pair ? 2 : 1) : "\uFFFD");
            i += pair ? 1 : 0;
        }

        return clean?.ToString() ?? text;
    }
}
