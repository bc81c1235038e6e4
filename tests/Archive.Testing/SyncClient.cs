using System.Net;
using System.Text.Json.Nodes;

namespace Archive.Testing;

/// <summary>
/// A client that keeps a copy of the archive as §9 describes: it applies every page of
/// <c>/api/changes</c> in order (upserts replace, deletes remove, ids compared in any case) and
/// keeps the last token. What a static site build or an app's offline store would do.
/// </summary>
public sealed class SyncClient(HttpClient http, int limit = 100)
{
    private readonly Dictionary<string, JsonObject> copy = new(StringComparer.OrdinalIgnoreCase);

    public string? Token { get; private set; }

    public int Pages { get; private set; }

    public IReadOnlyDictionary<string, JsonObject> Copy => copy;

    /// <summary>Reads and applies pages until the API says no more are waiting.</summary>
    public async Task CatchUpAsync()
    {
        while (await ReadPageAsync())
        {
        }
    }

    /// <summary>One page applied; true when more are waiting.</summary>
    public async Task<bool> ReadPageAsync()
    {
        var path = $"changes?limit={limit}" + (Token is null ? string.Empty : "&since=" + Uri.EscapeDataString(Token));
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        var page = JsonNode.Parse(body)!.AsObject();
        foreach (var item in page["items"]!.AsArray())
        {
            if ((string)item!["type"]! == "upsert")
            {
                var post = item["post"]!.AsObject();
                copy[(string)post["id"]!] = post;
            }
            else
            {
                copy.Remove((string)item["id"]!);
            }
        }

        Pages++;
        Token = (string)page["nextToken"]!;
        return (bool)page["hasMore"]!;
    }

    /// <summary>Every post <c>/api/posts</c> serves, by id, paging through all of it.</summary>
    public static async Task<Dictionary<string, JsonObject>> ServedAsync(HttpClient http)
    {
        var served = new Dictionary<string, JsonObject>(StringComparer.OrdinalIgnoreCase);
        string? cursor = null;
        do
        {
            var page = JsonNode.Parse(await http.GetStringAsync("posts?limit=100" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor))))!;
            foreach (var post in page["items"]!.AsArray())
            {
                served[(string)post!["id"]!] = post.AsObject();
            }

            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);
        return served;
    }

    /// <summary>The differences between the copy and what is served, as §9 defines equal (every field but <c>theme.name</c>); empty when equal.</summary>
    public List<string> DifferencesFrom(IReadOnlyDictionary<string, JsonObject> served)
    {
        var differences = new List<string>();
        differences.AddRange(served.Keys.Where(id => !copy.ContainsKey(id)).Select(id => $"missing {id}"));
        differences.AddRange(copy.Keys.Where(id => !served.ContainsKey(id)).Select(id => $"extra {id}"));
        foreach (var (id, post) in served)
        {
            if (copy.TryGetValue(id, out var held) && !JsonNode.DeepEquals(Comparable(held), Comparable(post)))
            {
                differences.Add($"differs {id}: held {held.ToJsonString()} served {post.ToJsonString()}");
            }
        }

        return differences;
    }

    private static JsonObject Comparable(JsonObject post)
    {
        var clone = post.DeepClone().AsObject();
        clone["theme"]!.AsObject().Remove("name");
        return clone;
    }
}
