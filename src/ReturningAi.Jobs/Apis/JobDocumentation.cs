using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using ReturningAi.ServiceDefaults.Idempotency;

namespace ReturningAi.Jobs.Apis;

/// <summary>How the bulk job routes describe their CSV bodies and answers in the API document.</summary>
internal static class JobDocumentation
{
    /// <summary>A users CSV in the multipart field <c>file</c> (or <c>data</c>), the columns and limits, and <c>Idempotency-Key</c>.</summary>
    public static RouteHandlerBuilder UsersUpload(this RouteHandlerBuilder endpoint, string example) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Description = """
                Queues a job that creates or updates users from a CSV (text/csv, application/csv or application/vnd.ms-excel, at most 10 MiB
                and 100,000 rows) in the multipart field `file` (or `data`, the docs' name). Columns: `email` (required: it names the user),
                `username` (required to create), `roles` and `tags` (comma lists of names: the user's roles or tags become these), any other
                column a custom user field by key or name, and `<field>_op` (`add`, `subtract` or `overwrite`, the default) before a number
                field. An empty cell changes nothing; an `error` column is ignored, so a fixed errors file goes back in as it is. Rows are
                independent: valid ones apply in file order, invalid ones are reported in the job's details and its `errors.csv`. File-level
                problems answer 400 before any job exists. Watch the job at `Location`.
                """;
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = IdempotencyKey.HeaderName,
                In = ParameterLocation.Header,
                Description = $"Optional, 1–{IdempotencyKey.MaxLength} characters. The same key and file answer the first job again instead of queueing another.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = IdempotencyKey.MaxLength },
            });
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["multipart/form-data"] = new()
                    {
                        Schema = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Required = new HashSet<string> { "file" },
                            Properties = new Dictionary<string, IOpenApiSchema>
                            {
                                ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The users CSV." },
                            },
                        },
                        Encoding = new Dictionary<string, OpenApiEncoding> { ["file"] = new() { ContentType = "text/csv" } },
                        Example = new JsonObject { ["file"] = example },
                    },
                },
            };
            return Task.CompletedTask;
        });

    /// <summary>A CSV answer's example.</summary>
    public static RouteHandlerBuilder CsvExample(this RouteHandlerBuilder endpoint, string example) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue("200", out var response) == true && response.Content?.TryGetValue("text/csv", out var media) == true)
            {
                media.Example = JsonValue.Create(example);
                media.Schema = new OpenApiSchema { Type = JsonSchemaType.String };
            }

            return Task.CompletedTask;
        });
}
