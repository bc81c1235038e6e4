using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Archive.Api.Contracts;
using Archive.Api.Routing;
using Archive.Core.Stored;
using Archive.Storage.Ingestion;
using Archive.Storage.Reading;

namespace Archive.Api.OpenApi;

/// <summary>
/// JSON Schemas (2020-12, as OpenAPI 3.1 takes them) of the very types the handlers serialize,
/// exported by System.Text.Json with Archive's own options: names, enums as strings, nullability
/// and which members are always written come from the code, so the document cannot say otherwise. Types named
/// here become components, referenced wherever they appear.
/// </summary>
public static class ContractSchemas
{
    /// <summary>String members holding a calendar date (yyyy-MM-dd), which a C# string cannot say by itself.</summary>
    private static readonly HashSet<string> DateMembers = ["date", "latestDate"];

    private static readonly JsonSerializerOptions Options = new(ApiJson.Options)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,

        // Numbers are written as numbers; reading them from strings (the web default) is not what responses do.
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>Every component: the 200 bodies of the routes (but the document itself), the types they share, and the problem.</summary>
    public static IReadOnlyList<Type> Components { get; } =
    [
        .. RouteTable.All.Select(r => r.Body).Where(t => t != typeof(JsonObject) && t != typeof(string)).Distinct(),
        typeof(PostSummary), typeof(ThemeRef), typeof(ThemeItem), typeof(RejectionItem), typeof(ReindexChange), typeof(ChangeItem), typeof(SearchItem), typeof(RelatedItem), typeof(ThemeSuggestion), typeof(SuggestedTheme), typeof(TagItem), typeof(ProblemBody),
    ];

    public static string Name(Type type) => type == typeof(ProblemBody) ? "Problem" : type.Name;

    public static string Reference(Type type) => "#/components/schemas/" + Name(type);

    /// <summary>The schema of <paramref name="type"/>, with every other component it holds as a reference.</summary>
    public static JsonObject Of(Type type)
    {
        var exporter = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) =>
            {
                var nested = context.Path.Length > 0 || context.PropertyInfo is not null;
                if (nested && context.TypeInfo.Type != type && Components.Contains(context.TypeInfo.Type))
                {
                    var reference = new JsonObject { ["$ref"] = Reference(context.TypeInfo.Type) };
                    return IsNullable(node) ? new JsonObject { ["anyOf"] = new JsonArray(reference, new JsonObject { ["type"] = "null" }) } : reference;
                }

                if (context.PropertyInfo is { } property && DateMembers.Contains(property.Name) && node is JsonObject dated)
                {
                    dated["format"] = "date";
                }

                if (context.PropertyInfo is null && context.TypeInfo.Kind == JsonTypeInfoKind.Object && node is JsonObject shape)
                {
                    // Every member is written, null or not, unless it says otherwise (ShouldSerialize): all are required on the wire.
                    shape["required"] = new JsonArray([.. context.TypeInfo.Properties.Where(p => p.Get is not null && p.ShouldSerialize is null).Select(p => JsonValue.Create(p.Name))]);
                }

                return node;
            },
        };
        return (JsonObject)JsonSchemaExporter.GetJsonSchemaAsNode(Options, type, exporter);
    }

    private static bool IsNullable(JsonNode node) =>
        node is JsonObject { } schema && schema["type"] is JsonArray types && types.Any(t => t?.GetValue<string>() == "null");
}
