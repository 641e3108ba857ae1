using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using System.Text.Json.Nodes;

namespace ReturningAi.Lists;

/// <summary>The list grammar's query parameters in the OpenAPI document, typed, with the fields this list offers.</summary>
public static class ListDocumentation
{
    public static RouteHandlerBuilder ListParameters(this RouteHandlerBuilder endpoint, IListFields fields) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(Query("skip", "Rows to skip (default 0). Not together with `page`.",
                new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "0", Default = JsonValue.Create(0) }));
            operation.Parameters.Add(Query("limit", $"Rows per answer, 1–{ListQuery.MaxLimit} (default {ListQuery.DefaultLimit}).",
                new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = ListQuery.MaxLimit.ToString(System.Globalization.CultureInfo.InvariantCulture), Default = JsonValue.Create(ListQuery.DefaultLimit) }));
            operation.Parameters.Add(Query("page", "The older paging: page n is `skip = (n − 1) × limit`. Not together with `skip`.",
                new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1" }));
            operation.Parameters.Add(Query("sort", $"`field:asc` or `field:desc`, comma separated; fields: {Names(fields.Sortable)}.",
                new OpenApiSchema { Type = JsonSchemaType.String }, example: $"{fields.Sortable[0]}:asc"));
            operation.Parameters.Add(Fields(fields.Selectable));
            operation.Parameters.Add(Query("search", "`keyword:<text>`: the name contains the text, ignoring case.",
                new OpenApiSchema { Type = JsonSchemaType.String }, example: "keyword:premium"));
            if (fields.Filterable.Count > 0)
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "filter",
                    In = ParameterLocation.Query,
                    Description = $"`field:value`, repeatable (all must hold); fields: {Names(fields.Filterable)}.",
                    Style = ParameterStyle.Form,
                    Explode = true,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                });
            }

            return Task.CompletedTask;
        });

    /// <summary><c>fields=</c> on a route that answers one object.</summary>
    public static RouteHandlerBuilder FieldsParameter<TDto>(this RouteHandlerBuilder endpoint) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var selectable = FieldProjection.FieldsOf<TDto>();
            operation.Parameters ??= [];
            operation.Parameters.Add(Fields(selectable));
            return Task.CompletedTask;
        });

    private static OpenApiParameter Fields(IReadOnlyList<string> selectable) =>
        Query("fields", $"Only these fields (and `_id`), comma separated: {Names(selectable)}.",
            new OpenApiSchema { Type = JsonSchemaType.String }, example: string.Join(',', selectable.Where(f => f != FieldProjection.IdField).Take(2)));

    private static OpenApiParameter Query(string name, string description, OpenApiSchema schema, string? example = null) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Description = description,
        Schema = schema,
        Example = example is null ? null : JsonValue.Create(example),
    };

    private static string Names(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"`{n}`"));
}
