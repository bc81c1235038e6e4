using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Archive.Core.Parsing;

/// <summary>The front matter's fields as YAML nodes, the known ones by name and the rest as <see cref="Extra"/>.</summary>
internal sealed class FrontMatter
{
    private static readonly HashSet<string> KnownFields =
        ["title", "date", "description", "thread_id", "word_count", "reading_time", "primary_theme", "tags", "draft"];

    private readonly Dictionary<string, YamlNode> fields;

    private FrontMatter(Dictionary<string, YamlNode> fields, JsonObject extra)
    {
        this.fields = fields;
        Extra = extra;
    }

    public static readonly FrontMatter Empty = new([], []);

    public JsonObject Extra { get; }

    public static FrontMatter From(YamlMappingNode mapping, YamlJson.Budget budget)
    {
        var known = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var extra = new JsonObject();
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                throw new InputLimitException($"front matter field names must be text, not lists or mappings (line {keyNode.Start.Line + 1} of the front matter)");
            }

            if (KnownFields.Contains(key))
            {
                known[key] = value;
            }
            else
            {
                extra[key] = YamlJson.ToJson(value, budget);
            }
        }

        return new FrontMatter(known, extra);
    }

    public bool Has(string field) => fields.ContainsKey(field);

    /// <summary>The scalar's text; null when absent, null or not a scalar.</summary>
    public string? Text(string field) =>
        fields.TryGetValue(field, out var node) && node is YamlScalarNode scalar && !YamlJson.IsNull(scalar) ? scalar.Value : null;

    public bool IsScalar(string field) => !fields.TryGetValue(field, out var node) || node is YamlScalarNode;

    /// <summary>True when the field is there but is a list or a mapping where text is expected.</summary>
    public bool IsCollection(string field) => fields.TryGetValue(field, out var node) && node is not YamlScalarNode;

    public YamlNode? Node(string field) => fields.GetValueOrDefault(field);
}
