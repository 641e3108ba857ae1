using System.Text.Json.Nodes;

namespace ReturningAi.TestStack;

/// <summary>Fluent edits of JSON bodies in tests.</summary>
public static class JsonNodeExtensions
{
    public static JsonObject With(this JsonObject obj, string name, JsonNode? value)
    {
        obj[name] = value;
        return obj;
    }
}
