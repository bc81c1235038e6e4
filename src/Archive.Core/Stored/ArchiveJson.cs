using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Archive.Core.Stored;

/// <summary>
/// The one set of JSON settings for everything Archive serves and stores: camelCase; text as is
/// but for what JSON itself requires (quotes, backslashes, control characters) and characters
/// beyond the BMP (emoji), which System.Text.Json's encoders always write as surrogate escapes.
/// Bodies are served as <c>application/json</c> with <c>nosniff</c>, so <c>&lt;</c>, <c>&amp;</c>,
/// <c>'</c> and backticks need no escape (a post of backticks is no longer six times its size);
/// JSON embedded in HTML must use an HTML-safe encoder of its own. Enums are camelCase strings
/// (<c>"outcome": "added"</c>). Each project adds its source-generated types (<see cref="Create"/>):
/// trim- and AOT-safe, and no reflection at run time for them.
/// </summary>
public static class ArchiveJson
{
    /// <summary>The stored types (a post's summary and content).</summary>
    public static readonly JsonSerializerOptions Options = Create(StoredJsonContext.Default);

    /// <summary>Options with Archive's settings whose metadata comes from <paramref name="contexts"/> first (then reflection, where the runtime allows it).</summary>
    public static JsonSerializerOptions Create(params IJsonTypeInfoResolver[] contexts)
    {
        var options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        IJsonTypeInfoResolver[] chain = JsonSerializer.IsReflectionEnabledByDefault
            ? [.. contexts, StoredJsonContext.Default, new DefaultJsonTypeInfoResolver()]
            : [.. contexts, StoredJsonContext.Default];
        options.TypeInfoResolver = JsonTypeInfoResolver.Combine(chain);
        options.MakeReadOnly();
        return options;
    }

    /// <summary>Applies Archive's settings to options a host owns (ASP.NET Core's, for instance).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        if (!options.Converters.Any(c => c is JsonStringEnumConverter))
        {
            options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        }

        return options;
    }
}
