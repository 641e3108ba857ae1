using System.Text.Json.Nodes;

namespace ReturningAi.EndToEnd.Tests;

internal static class JsonNodeExtensions
{
    public static JsonObject With(this JsonObject obj, string name, JsonNode? value)
    {
        obj[name] = value;
        return obj;
    }
}
