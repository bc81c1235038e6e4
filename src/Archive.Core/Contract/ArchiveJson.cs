using System.Text.Encodings.Web;
using System.Text.Json;

namespace Archive.Core.Contract;

/// <summary>The one set of JSON options for everything Archive serves and stores: camelCase, UTF-8 as is.</summary>
public static class ArchiveJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies Archive's settings to options a host owns (ASP.NET Core's, for instance).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        return options;
    }
}
