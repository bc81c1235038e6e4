using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Archive.Core.Contract;

/// <summary>
/// The one set of JSON options for everything Archive serves and stores: camelCase; text as is
/// but for the characters HTML gives meaning to (<c>&lt; &gt; &amp; ' "</c>), which are escaped
/// so that no body can be read as markup, and characters beyond the BMP (emoji), which
/// System.Text.Json's encoders always write as surrogate escapes. Enums are camelCase strings
/// (<c>"outcome": "added"</c>), never numbers a client must look up.
/// </summary>
public static class ArchiveJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies Archive's settings to options a host owns (ASP.NET Core's, for instance).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Encoder = JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        if (!options.Converters.Any(c => c is JsonStringEnumConverter))
        {
            options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        }

        return options;
    }
}
