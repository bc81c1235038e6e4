namespace Archive.Core.Tests;

/// <summary>§4: rendered HTML is sanitized (no script, no event handlers, no javascript: URLs).</summary>
public class HtmlTests
{
    private static string Html(string body) => Parse.Accepted(Parse.Post("title: T", body)).Html;

    [Fact]
    public void Markdown_renders_with_github_extensions()
    {
        var html = Html("**b** ~~s~~\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\nhttps://example.com");
        Assert.Contains("<strong>b</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<del>s</del>", html, StringComparison.Ordinal);
        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.Contains("type=\"checkbox\"", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.com\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Tables_align_by_class_without_inline_styles_the_policy_blocks()
    {
        var html = Html("| a | b | c |\n|:---|:---:|---:|\n| 1 | 2 | 3 |");
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"align-left\">1</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"align-center\">2</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th class=\"align-right\">c</th>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_from_another_origin_sends_no_referrer() =>
        Assert.Contains("referrerpolicy=\"no-referrer\"", Html("![pixel](https://tracker.example/p.gif)"), StringComparison.Ordinal);

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<div>\n<script>alert(1)</script>\n</div>")]
    [InlineData("text <script>alert(1)</script> inline")]
    public void Script_never_reaches_the_html(string body) =>
        Assert.DoesNotContain("<script", Html(body), StringComparison.OrdinalIgnoreCase);

    [Theory]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<a href=\"#\" onclick=\"alert(1)\">x</a>")]
    [InlineData("[x](#){onclick=alert(1)}")]
    public void Event_handlers_never_reach_the_html(string body) =>
        Assert.DoesNotMatch("<[^>]+\\son[a-z]+=", Html(body));

    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](JaVaScRiPt:alert(1))")]
    [InlineData("[x](java&#09;script:alert(1))")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("[x][r]\n\n[r]: javascript:alert(1)")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD4=)")]
    public void Script_urls_are_neutralised(string body)
    {
        var html = Html(body);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("[x](https://a.example/p?q=1)", "https://a.example/p?q=1")]
    [InlineData("[x](/relative/path)", "/relative/path")]
    [InlineData("[x](#section)", "#section")]
    [InlineData("[x](mailto:me@example.com)", "mailto:me@example.com")]
    public void Safe_urls_are_kept(string body, string href) =>
        Assert.Contains($"href=\"{href}\"", Html(body), StringComparison.Ordinal);

    [Fact]
    public void Raw_html_is_shown_as_text() =>
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", Html("<b>bold</b>"), StringComparison.Ordinal);
}
