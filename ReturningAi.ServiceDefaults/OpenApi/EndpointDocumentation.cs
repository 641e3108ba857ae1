using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;
using ReturningAi.Contracts.Http;

namespace ReturningAi.ServiceDefaults.OpenApi;

/// <summary>
/// Short ways to describe a route for the OpenAPI document in the contract's terms: a success
/// answers in the envelope <c>{"meta","message","data"}</c>, every error in the error envelope.
/// </summary>
public static class EndpointDocumentation
{
    public const string Json = "application/json";

    /// <summary>The success answer: <typeparamref name="TData"/> in the envelope's <c>data</c>.</summary>
    public static RouteHandlerBuilder Returns<TData>(this RouteHandlerBuilder endpoint, int statusCode = StatusCodes.Status200OK) =>
        endpoint.Produces<ApiEnvelope<TData>>(statusCode, Json);

    /// <summary>The error answers this route gives itself, each in the error envelope.</summary>
    public static TBuilder Errors<TBuilder>(this TBuilder endpoint, params int[] statusCodes) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var statusCode in statusCodes)
        {
            endpoint.WithMetadata(new ProducesResponseTypeMetadata(statusCode, typeof(ErrorEnvelope), [Json]));
        }

        return endpoint;
    }

    /// <summary>
    /// A JSON body of this shape (read field by field by the handler), for the document only: unlike
    /// <c>Accepts</c>, it adds no content-type constraint to routing, so a body of another type still
    /// reaches the handler and gets its 400 in the envelope (and the bulk route its CSV upload).
    /// </summary>
    public static RouteHandlerBuilder Body<TBody>(this RouteHandlerBuilder endpoint) where TBody : notnull =>
        endpoint.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [Json] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(TBody), null, cancellationToken) },
                },
            };
        });
}
