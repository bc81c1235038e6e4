using System.Text.Encodings.Web;
using System.Text.Json;

namespace Archive.Core.Contract;

/// <summary>
/// The one set of JSON options for everything Archive serves and stores: camelCase; text as is
/// but for the characters HTML gives meaning to (<c>&lt; &gt; &amp; ' "</c>), which are escaped
/// so that no body can be read as markup, and characters beyond the BMP (emoji), which
/// System.Text.Json's encoders always write as surrogate escapes.
/// </summary>
public static class ArchiveJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies Archive's settings to options a host owns (ASP.NET Core's, for instance).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Encoder = JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        return options;
    }
}
