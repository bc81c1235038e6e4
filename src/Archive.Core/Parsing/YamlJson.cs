using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Archive.Core.Parsing;

/// <summary>YAML nodes to JSON, keeping each plain scalar's YAML 1.2 core-schema type.</summary>
internal static partial class YamlJson
{
    /// <summary>
    /// The JSON of a node. Aliases are expanded, so the budget counts every value and character
    /// written, and the depth is checked again here: an alias can nest a node in itself.
    /// </summary>
    public static JsonNode? ToJson(YamlNode node, Budget budget, int depth = 1)
    {
        budget.Spend(node, depth);
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (node)
        {
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children)
                {
                    array.Add(ToJson(item, budget, depth + 1));
                }

                return array;
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    obj[key is YamlScalarNode { Value: { } k } ? k : key.ToString()] = ToJson(value, budget, depth + 1);
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

    /// <summary>What the front matter may expand to: values, characters and depth; one budget for all its fields.</summary>
    internal sealed class Budget(int maxValues, long maxCharacters, int maxDepth)
    {
        private int values;
        private long characters;

        public void Spend(YamlNode node, int depth)
        {
            if (depth > maxDepth)
            {
                throw new InputLimitException($"front matter is nested more than {maxDepth} levels deep (with its aliases expanded)");
            }

            if (++values > maxValues)
            {
                throw new InputLimitException($"front matter expands to more than {maxValues} values (YAML aliases repeat what they name)");
            }

            if (node is YamlScalarNode { Value: { } text } && (characters += text.Length) > maxCharacters)
            {
                throw new InputLimitException($"front matter expands to more than {maxCharacters} characters (YAML aliases repeat what they name)");
            }
        }
    }
}
