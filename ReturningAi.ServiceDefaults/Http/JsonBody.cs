using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ReturningAi.Contracts.Http;

namespace ReturningAi.ServiceDefaults.Http;

/// <summary>Reads a request body as JSON, turning unreadable bodies into the contract's 400 instead of a framework error.</summary>
public static class JsonBody
{
    public static async Task<(JsonDocument? Document, IResult? Error)> ReadObjectAsync(HttpContext context)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
        }
        catch (JsonException)
        {
            return (null, ApiErrors.Result(context, StatusCodes.Status400BadRequest, "malformed_json", "The body is not valid JSON."));
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            return (null, ApiErrors.Result(context, StatusCodes.Status400BadRequest, "invalid_type", "The body must be a JSON object."));
        }

        return (document, null);
    }
}
