using System.Text.Json;
using System.Text.Json.Nodes;
using Archive.Api.Contracts;

namespace Archive.Pages.Site;

/// <summary>A post's schema.org <c>BlogPosting</c> (§12) as a script element of data.</summary>
public static class JsonLd
{
    /// <summary>
    /// The default encoder writes <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c> as <c>\u003C</c>…, so no
    /// title can close the script element or open a comment in it.
    /// </summary>
    private static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default };

    public static string BlogPosting(PostSummary post, string canonical, ImageRef image, string author)
    {
        var data = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "BlogPosting",
            ["headline"] = post.Title,
            ["description"] = post.Description,
            ["datePublished"] = post.Date,
            ["dateModified"] = PageText.Instant(post.UpdatedAt),
            ["image"] = SiteInfo.Absolute(image.Url),
            ["author"] = new JsonObject { ["@type"] = "Person", ["name"] = author },
            ["url"] = canonical,
            ["mainEntityOfPage"] = canonical,
            ["wordCount"] = post.WordCount,
            ["articleSection"] = post.Theme.Name,
            ["keywords"] = string.Join(", ", post.Tags),
        };
        return $"<script type=\"application/ld+json\">{data.ToJsonString(Options)}</script>";
    }
}
