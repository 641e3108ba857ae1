using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using ReturningAi.ServiceDefaults.Idempotency;
using ReturningAi.ServiceDefaults.OpenApi;

namespace ReturningAi.Jobs.Apis;

/// <summary>How the bulk job routes describe their CSV bodies and answers in the API document.</summary>
internal static class JobDocumentation
{
    /// <summary>A users CSV in the multipart field <c>file</c> (or <c>data</c>), the columns and limits, and <c>Idempotency-Key</c>.</summary>
    public static RouteHandlerBuilder UsersUpload(this RouteHandlerBuilder endpoint, string example) => endpoint.CsvUpload("The users CSV.", example, """
                Queues a job that creates or updates users from a CSV (text/csv, application/csv or application/vnd.ms-excel, at most 10 MiB
                and 100,000 rows) in the multipart field `file` (or `data`, the docs' name). Columns: `email` (required: it names the user),
                `username` (required to create), `roles` and `tags` (comma lists of names: the user's roles or tags become these), any other
                column a custom user field by key or name, and `<field>_op` (`add`, `subtract` or `overwrite`, the default) before a number
                field. An empty cell changes nothing; an `error` column is ignored, so a fixed errors file goes back in as it is. Rows are
                independent: valid ones apply in file order, invalid ones are reported in the job's details and its `errors.csv`. File-level
                problems answer 400 before any job exists. Watch the job at `Location`.
                """);

    /// <summary>A currency CSV in the multipart field <c>file</c> (or <c>data</c>), the columns and limits, and <c>Idempotency-Key</c>.</summary>
    public static RouteHandlerBuilder CurrencyUpload(this RouteHandlerBuilder endpoint, string example) => endpoint.CsvUpload("The currency CSV.", example, """
        Queues a job that writes one ledger entry a row to users' wallets, from a CSV (text/csv, application/csv or application/vnd.ms-excel,
        at most 10 MiB and 100,000 rows) in the multipart field `file` (or `data`). Columns: `email` (the user), `amount` (> 0, `overwrite` ≥ 0;
        ≤ 1,000,000,000; ≤ 2 decimals), `operation` (`add`, `subtract` or `overwrite`; recorded as credit, debit, set), `reason` (1–500
        characters), optional `reference` (≤ 255). Each entry has `source: bulk` and the job's id. Rows are independent, in file order: a
        subtract beyond the balance writes nothing for its row (`insufficient_balance`); other row codes are `user_not_found`,
        `invalid_amount`, `invalid_operation`, `missing_reason`. An `error` column is ignored, so a fixed errors file goes back in as it is.
        File-level problems answer 400 before any job exists. Watch the job at `Location`.
        """);

    private static RouteHandlerBuilder CsvUpload(this RouteHandlerBuilder endpoint, string fileDescription, string example, string description) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Description = description;
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
                                ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = fileDescription },
                            },
                        },
                        Encoding = new Dictionary<string, OpenApiEncoding> { ["file"] = new() { ContentType = "text/csv" } },
                        Example = new JsonObject { ["file"] = example },
                    },
                },
            };
            return Task.CompletedTask;
        });

    /// <summary>One example per refusal every CSV upload can answer (the file-level checks and the limit of active jobs).</summary>
    public static RouteHandlerBuilder UploadRefusalExamples(this RouteHandlerBuilder endpoint) => endpoint
        .RefusalExamples(400, JobExamples.FileRefusals)
        .RefusalExamples(409, JobExamples.TooManyActiveJobs)
        .RefusalExamples(415, JobExamples.NotMultipart);

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
