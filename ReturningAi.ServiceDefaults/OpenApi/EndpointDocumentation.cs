using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
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
                    [Json] = new() { Schema = await NamedSchemaAsync(context, typeof(TBody), cancellationToken) },
                },
            };
        });

    /// <summary>
    /// A JSON array body of 1–<paramref name="maxItems"/> <typeparamref name="TItem"/>, as a named schema of its own
    /// (<paramref name="schemaName"/>), so that generated clients name it rather than invent <c>Body14</c>.
    /// </summary>
    public static RouteHandlerBuilder BodyArray<TItem>(this RouteHandlerBuilder endpoint, string schemaName, int maxItems) where TItem : notnull =>
        endpoint.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var document = context.Document!;
            document.Components ??= new OpenApiComponents();
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[schemaName] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                MinItems = 1,
                MaxItems = maxItems,
                Items = await NamedSchemaAsync(context, typeof(TItem), cancellationToken),
            };
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { [Json] = new() { Schema = new OpenApiSchemaReference(schemaName, document) } },
            };
        });

    /// <summary>A request type's schema in <c>components/schemas</c> under its name, and a reference to it.</summary>
    private static async Task<IOpenApiSchema> NamedSchemaAsync(OpenApiOperationTransformerContext context, Type type, CancellationToken cancellationToken)
    {
        var document = context.Document!;
        var name = SchemaNames.Of(type);
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(name))
        {
            document.Components.Schemas[name] = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
        }

        return new OpenApiSchemaReference(name, document);
    }

    /// <summary>A query parameter as its type really is (the handler binds it as text to answer bad values in the envelope).</summary>
    public static TBuilder QueryParameter<TBuilder>(this TBuilder endpoint, string name, JsonSchemaType type, string description)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            var existing = operation.Parameters.FirstOrDefault(p => p.Name == name && p.In == ParameterLocation.Query);
            if (existing is not null) operation.Parameters.Remove(existing);
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name, In = ParameterLocation.Query, Description = description, Schema = new OpenApiSchema { Type = type },
            });
            return Task.CompletedTask;
        });

    /// <summary>An example request body (JSON text), shown beside the body's schema; call it after <see cref="Body{TBody}"/>.</summary>
    public static RouteHandlerBuilder RequestExample(this RouteHandlerBuilder endpoint, string json) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var media = JsonMedia(operation.RequestBody?.Content)
                ?? throw new InvalidOperationException($"{operation.OperationId}: a request example needs the body described first.");
            media.Example = JsonNode.Parse(json);
            return Task.CompletedTask;
        });

    /// <summary>An example success answer: <paramref name="dataJson"/> in the envelope, with the route's message.</summary>
    public static TBuilder SuccessExample<TBuilder>(this TBuilder endpoint, int statusCode, string message, string dataJson)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            ResponseMedia(operation, statusCode).Example = new JsonObject
            {
                ["meta"] = new JsonObject { ["status"] = "success", ["statusCode"] = statusCode },
                ["message"] = message,
                ["data"] = JsonNode.Parse(dataJson),
            };
            return Task.CompletedTask;
        });

    /// <summary>
    /// One example per refusal this route answers with <paramref name="statusCode"/> (declared by <see cref="Errors{TBuilder}"/>
    /// first), each in the error envelope and named by its code, so the reference shows every code a partner may meet.
    /// </summary>
    public static TBuilder RefusalExamples<TBuilder>(this TBuilder endpoint, int statusCode, params RefusalExample[] refusals)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var media = ResponseMedia(operation, statusCode);
            media.Examples ??= new Dictionary<string, IOpenApiExample>();
            foreach (var refusal in refusals)
            {
                media.Examples[refusal.Code] = new OpenApiExample
                {
                    Summary = refusal.Code,
                    Value = ErrorExamples.Envelope(statusCode, refusal.Message, refusal.Code, refusal.Field),
                };
            }

            return Task.CompletedTask;
        });

    private static OpenApiMediaType ResponseMedia(OpenApiOperation operation, int statusCode)
    {
        IOpenApiResponse? response = null;
        operation.Responses?.TryGetValue(statusCode.ToString(CultureInfo.InvariantCulture), out response);
        return JsonMedia(response?.Content)
            ?? throw new InvalidOperationException($"{operation.OperationId}: an example of {statusCode} needs the answer described first.");
    }

    private static OpenApiMediaType? JsonMedia(IDictionary<string, OpenApiMediaType>? content) =>
        content is not null && content.TryGetValue(Json, out var media) ? media : null;
}
