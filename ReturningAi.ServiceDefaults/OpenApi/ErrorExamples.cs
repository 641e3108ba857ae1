using System.Text.Json.Nodes;

namespace ReturningAi.ServiceDefaults.OpenApi;

/// <summary>Error envelopes as the API answers them, for the reference's examples.</summary>
public static class ErrorExamples
{
    /// <param name="summary">The envelope's <c>message</c> when it differs from the one error item's.</param>
    public static JsonObject Envelope(int status, string message, string code, string? field = null, int? index = null, string? summary = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message, ["field"] = field };
        if (index is { } value) error["index"] = value;
        return new JsonObject
        {
            ["meta"] = new JsonObject { ["status"] = "error", ["statusCode"] = status, ["requestId"] = "4bf92f3577b34da6a3ce929d0e0e4736" },
            ["message"] = summary ?? message,
            ["errors"] = new JsonArray(error),
        };
    }
}
