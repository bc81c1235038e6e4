using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Archive.Core.Parsing;

/// <summary>YAML nodes to JSON, keeping each plain scalar's YAML 1.2 core-schema type.</summary>
internal static partial class YamlJson
{
    private const int MaxDepth = 64;

    public static JsonNode? ToJson(YamlNode node, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        switch (node)
        {
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children)
                {
                    array.Add(ToJson(item, depth + 1));
                }

                return array;
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    obj[key is YamlScalarNode { Value: { } k } ? k : key.ToString()] = ToJson(value, depth + 1);
                }

                return obj;
            case YamlScalarNode scalar:
                return ScalarToJson(scalar);
            default:
                return null;
        }
    }

    public static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    public static bool? AsBool(YamlScalarNode scalar) =>
        scalar.Style != ScalarStyle.Plain ? null : scalar.Value switch
        {
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ => null,
        };

    public static long? AsInteger(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is { } v && IntegerShape().IsMatch(v)
            && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;

    private static JsonValue? ScalarToJson(YamlScalarNode scalar)
    {
        if (IsNull(scalar))
        {
            return null;
        }

        if (AsBool(scalar) is { } b)
        {
            return JsonValue.Create(b);
        }

        if (AsInteger(scalar) is { } n)
        {
            return JsonValue.Create(n);
        }

        if (scalar.Style == ScalarStyle.Plain && FloatShape().IsMatch(scalar.Value!)
            && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            return JsonValue.Create(d);
        }

        return JsonValue.Create(scalar.Value);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerShape();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatShape();
}
