using System.Text.Json;

namespace Archive.Testing;

/// <summary>The Functions app's generated functions.metadata, as the build wrote it beside the app.</summary>
public static class FunctionsMetadata
{
    /// <summary>Route and methods of every HTTP function in functions.metadata.</summary>
    public static List<(string Route, string[] Methods)> HttpTriggers() =>
        Functions().Select(Trigger).Where(t => t.GetProperty("type").GetString() == "httpTrigger")
            .Select(t => (t.GetProperty("route").GetString()!, t.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!).ToArray()))
            .ToList();

    public static List<JsonElement> Functions()
    {
        // tests/<project>/bin/<Configuration>/net10.0 → src/Archive.Functions/bin/<Configuration>/net10.0
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var root = output.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(root, "src", "Archive.Functions", "bin", configuration, output.Name, "functions.metadata");
        Assert.True(File.Exists(path), $"no functions.metadata at {path}: build src/Archive.Functions");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    public static JsonElement Trigger(JsonElement function) =>
        function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
}
