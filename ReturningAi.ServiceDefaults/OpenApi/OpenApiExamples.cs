using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using ReturningAi.Contracts.Http;

namespace ReturningAi.ServiceDefaults.OpenApi;

/// <summary>Examples in the API document: a request body, and a success answer in its envelope.</summary>
public static class OpenApiExamples
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The request body's example (after <see cref="EndpointDocumentation.Body{TBody}"/>).</summary>
    public static RouteHandlerBuilder RequestExample(this RouteHandlerBuilder endpoint, object example) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.RequestBody?.Content?.TryGetValue(EndpointDocumentation.Json, out var media) == true) media.Example = Node(example);
            return Task.CompletedTask;
        });

    /// <summary>The success answer's example: <paramref name="data"/> in the envelope, with this message and extra meta.</summary>
    public static RouteHandlerBuilder ResponseExample(this RouteHandlerBuilder endpoint, string message, object? data,
        int statusCode = StatusCodes.Status200OK, ApiMeta? meta = null) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var status = statusCode.ToString(CultureInfo.InvariantCulture);
            if (operation.Responses?.TryGetValue(status, out var response) == true
                && response.Content?.TryGetValue(EndpointDocumentation.Json, out var media) == true)
            {
                media.Example = Node(new { meta = meta ?? ApiMeta.Success(statusCode), message, data });
            }

            return Task.CompletedTask;
        });

    public static JsonNode? Node(object? value) => JsonSerializer.SerializeToNode(value, Options);
}
