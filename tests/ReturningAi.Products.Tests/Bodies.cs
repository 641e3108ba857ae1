using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReturningAi.Products.Tests;

/// <summary>Request bodies for the tests: the page's example, a minimal valid product, and edits of them.</summary>
internal static class Bodies
{
    public static string PageExample => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "PageExample.json"));

    public static JsonObject Minimal() => new()
    {
        ["name"] = "Gift card",
        ["price"] = 10,
        ["categoryName"] = "Cards",
        ["vouchers"] = new JsonArray(),
    };

    /// <summary>Sets <paramref name="path"/> (dots and [i]) inside the object to <paramref name="value"/>.</summary>
    public static JsonObject With(this JsonObject obj, string path, JsonNode? value)
    {
        JsonNode node = obj;
        var parts = path.Split('.');
        foreach (var part in parts[..^1])
        {
            node = Step(node, part, create: true);
        }

        var last = parts[^1];
        if (last.EndsWith(']'))
        {
            var name = last[..last.IndexOf('[', StringComparison.Ordinal)];
            var index = int.Parse(last[(last.IndexOf('[', StringComparison.Ordinal) + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
            node[name]![index] = value;
        }
        else
        {
            node[last] = value;
        }

        return obj;
    }

    private static JsonNode Step(JsonNode node, string part, bool create)
    {
        if (part.EndsWith(']'))
        {
            var name = part[..part.IndexOf('[', StringComparison.Ordinal)];
            var index = int.Parse(part[(part.IndexOf('[', StringComparison.Ordinal) + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
            return node[name]![index]!;
        }

        if (node[part] is null && create) node[part] = new JsonObject();
        return node[part]!;
    }

    public static JsonElement Array(params JsonNode[] items) => JsonDocument.Parse(new JsonArray(items).ToJsonString()).RootElement;

    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;
}
