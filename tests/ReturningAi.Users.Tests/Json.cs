using System.Text.Json;

namespace ReturningAi.Users.Tests;

internal static class Json
{
    /// <summary>A JSON value from text with single quotes for readability.</summary>
    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json.Replace('\'', '"'));
        return document.RootElement.Clone();
    }
}
