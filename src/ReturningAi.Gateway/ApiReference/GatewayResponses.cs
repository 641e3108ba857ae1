using System.Globalization;
using Microsoft.OpenApi;
using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.OpenApi;

namespace ReturningAi.Gateway.ApiReference;

/// <summary>The answers the gateway itself may give on any route, as shared <c>components/responses</c>.</summary>
internal static class GatewayResponses
{
    private static readonly (int Status, string Name, string Description, string Code, string Message)[] All =
    [
        (401, "Unauthorized", "No API key, or an unknown, expired or revoked one (or two headers naming different keys).", "invalid_api_key",
            "The API key is not valid: it is unknown or was revoked."),
        (429, "TooManyRequests", "Too many requests for this key in the current window; retry after `Retry-After` seconds.", "rate_limited",
            "Too many requests for this API key; try again in 42 s."),
        (502, "BadGateway", "The service behind the gateway is unavailable right now; the outcome of a write is unknown, so retry it with its `Idempotency-Key`.",
            "upstream_unavailable", "The store is unreachable right now."),
    ];

    public static void AddTo(OpenApiDocument document)
    {
        document.Components!.Responses ??= new Dictionary<string, IOpenApiResponse>();
        foreach (var (status, name, description, code, message) in All)
        {
            var response = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new()
                    {
                        Schema = new OpenApiSchemaReference(nameof(ErrorEnvelope), document),
                        Example = ErrorExamples.Envelope(status, message, code),
                    },
                },
            };
            if (status == StatusCodes.Status429TooManyRequests)
            {
                response.Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["Retry-After"] = Header("Seconds until the window resets and the key may call again."),
                    ["X-RateLimit-Limit"] = Header("Requests a key may make in one window."),
                    ["X-RateLimit-Remaining"] = Header("Requests left in the current window."),
                    ["X-RateLimit-Reset"] = Header("Seconds until the current window resets."),
                };
            }

            document.Components.Responses[name] = response;
        }
    }

    /// <summary>The shared responses on one operation (a platform-admin route is never rate limited per key, but may still be refused).</summary>
    public static void Reference(OpenApiDocument document, OpenApiOperation operation)
    {
        foreach (var (status, name, _, _, _) in All)
        {
            operation.Responses!.TryAdd(status.ToString(CultureInfo.InvariantCulture), new OpenApiResponseReference(name, document));
        }
    }

    private static OpenApiHeader Header(string description) => new()
    {
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "0" },
    };
}
