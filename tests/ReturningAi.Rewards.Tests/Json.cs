using System.Text.Json;
using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Rewards.Tests;

/// <summary>Runs a reader over a JSON object and hands back what it read with every error item.</summary>
internal static class Json
{
    public static (T? Value, List<ErrorItem> Errors) Read<T>(string json, Func<JsonFields, T?> read)
    {
        using var document = JsonDocument.Parse(json);
        var errors = new List<ErrorItem>();
        return (read(new JsonFields(document.RootElement, errors)), errors);
    }
}
