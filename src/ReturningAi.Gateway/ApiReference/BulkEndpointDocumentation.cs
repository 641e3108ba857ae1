using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using ReturningAi.Products.Csv;
using ReturningAi.ServiceDefaults.Idempotency;
using ReturningAi.ServiceDefaults.OpenApi;

namespace ReturningAi.Gateway.ApiReference;

/// <summary>
/// What the generated description of the bulk routes cannot know from their signatures: the CSV
/// upload as a second request format, the <c>Idempotency-Key</c> header, and the product page's
/// examples for the request and for every answer.
/// </summary>
public static class BulkEndpointDocumentation
{
    public static Task DescribeCreate(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Summary = "Create products in bulk";
        operation.Description = """
            Creates 1–100 products of the community, all or none. Send them as a JSON array of product
            create objects, or as a CSV file (at most 10 MiB) in the multipart field `file`, with the columns
            of `GET /apis/products/bulk/template`. Names (category, roles, tags, users, purchase status) are
            resolved in the community. A voucher code may appear only once in a request. With `?dryRun=true`
            everything is checked and nothing is written. A 502 means the outcome is unknown: retry with the
            same `Idempotency-Key`.

            With `?async=true` the same body is queued as a `products` bulk job (answered 200 with the job and
            `Location: /apis/bulk/jobs/{jobID}`; at most 5 jobs queued or running, else 409 `too_many_active_jobs`).
            Problems of the whole upload (its shape, its header, over 100 products) answer 400 before any job; each
            product's own problems are its row in the job's details (`row` for a CSV, `index` for JSON). `onError=abort`
            (the default) creates nothing when any product fails; `onError=skip` creates the others (products sharing a
            duplicated voucher code all fail). A CSV job's `errors.csv` holds the failed products with all their rows and
            an `error` column, and goes back in as it is. Any other option or value is 400 `unsupported_option`.
            """;
        IdempotencyKeyParameter(operation);

        if (operation.RequestBody?.Content?.TryGetValue("application/json", out var json) == true) json.Example = Example("products-bulk-request.json");
        operation.RequestBody!.Content!["multipart/form-data"] = CsvUpload(
            "The CSV (text/csv, application/csv or application/vnd.ms-excel), at most 10 MiB. A row per product; continuation rows carry more permission entries.",
            ProductCsvTemplate.Build());

        Respond(operation, "201", "Every product was created; `data` holds them in request order.", Example("products-bulk-response.json"));
        Respond(operation, "200", "Dry run: everything was checked and nothing was written; `meta.wouldCreate` counts the products. "
            + "With `?async=true`: the queued products job (`data` is the job), as in the `queued` example.", DryRunExample());
        Name(operation, "200", "dryRun", (new OpenApiExample { Summary = "async=true", Value = QueuedJobExample() }, "queued"));
        Respond(operation, "400", "The body is invalid (or the CSV file is over 10 MiB): every problem is an item of `errors`, with `index` and `field`, and `row` and `column` for a CSV.",
            ErrorExamples.Envelope(400, "price must be 0 or more.", "out_of_range", "[0].price", 0, "The products are invalid."));
        Respond(operation, "409", "A voucher code appears more than once in the request.",
            ErrorExamples.Envelope(409, "Voucher code 'VOUCHER-001' appears more than once in this request (first at [0].vouchers[0]).", "duplicate_voucher", "[0].vouchers[1]", 0,
                "Some voucher codes appear more than once."));
        Name(operation, "400", "out_of_range", AsyncRefusals.Select(r => (Refusal(400, r), r.Code)).ToArray());
        Name(operation, "409", "duplicate_voucher", (Refusal(409, TooManyActiveJobs), TooManyActiveJobs.Code));
        Respond(operation, "413", "The request body is larger than 10 MiB.",
            ErrorExamples.Envelope(413, "The request body is larger than 10 MiB.", "body_too_large"));
        Respond(operation, "415", "The body is declared as neither application/json nor multipart/form-data.",
            ErrorExamples.Envelope(415, "Send the products as application/json (a raw array) or multipart/form-data (a CSV in the field 'file').", "unsupported_media_type"));
        return Task.CompletedTask;
    }

    public static Task DescribeUpdate(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Summary = "Update products in bulk";
        operation.Description = """
            Updates 1–100 products, all or none. As a JSON array, each item names its product by `productID` (or `_id`) with any
            fields of the create object; nested objects sent replace the stored ones whole, and `vouchers` are appended. As a CSV in
            the multipart field `file`: the create's columns plus `Product ID`; a row with a Product ID starts an update, a row
            without one adds a permission entry to the update above, and only non-blank cells change. A product that does not
            exist is a 404 naming its index (or row).
            """;
        IdempotencyKeyParameter(operation);
        operation.RequestBody!.Content!["application/json"].Example = JsonNode.Parse("""
            [{"productID": "507f1f77bcf86cd799439011", "name": "Premium Voucher", "price": 120,
              "vouchers": ["VOUCHER-003"], "voucherExpireDate": "2026-12-31T00:00:00.000Z"}]
            """);
        operation.RequestBody.Content["multipart/form-data"] = CsvUpload(
            "The CSV (text/csv, application/csv or application/vnd.ms-excel), at most 10 MiB: the create's columns plus Product ID.",
            "Product ID,Price,Vouchers,Voucher Expire Date\n507f1f77bcf86cd799439011,120,VOUCHER-003,2026-12-31T00:00:00.000Z\n");
        Respond(operation, "404", "Some products do not exist in this community.",
            ErrorExamples.Envelope(404, "No product '507f1f77bcf86cd799439011' in this community.", "product_not_found", "[0]._id", 0, "Some products were not found."));
        return Task.CompletedTask;
    }

    public static Task DescribeTemplate(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Summary = "Download the CSV template for bulk create";
        operation.Responses!["200"] = new OpenApiResponse
        {
            Description = "A CSV with every column and one example product; it imports as it is.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["text/csv"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String }, Example = JsonValue.Create(ProductCsvTemplate.Build()) },
            },
        };
        return Task.CompletedTask;
    }

    /// <summary>A CSV upload in the multipart field <c>file</c>, with an example file.</summary>
    private static OpenApiMediaType CsvUpload(string description, string example) => new()
    {
        Schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "file" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = description },
            },
        },
        Encoding = new Dictionary<string, OpenApiEncoding> { ["file"] = new() { ContentType = "text/csv" } },
        Example = new JsonObject { ["file"] = example },
    };

    private static void IdempotencyKeyParameter(OpenApiOperation operation)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyKey.HeaderName,
            In = ParameterLocation.Header,
            Description = $"Optional, 1–{IdempotencyKey.MaxLength} characters. Repeating a request with the same key and body answers as the first time without doing it again.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 255 },
        });
    }

    private static void Respond(OpenApiOperation operation, string status, string description, JsonNode example)
    {
        operation.Responses ??= [];
        var media = operation.Responses.TryGetValue(status, out var existing) && existing.Content?.TryGetValue("application/json", out var found) == true
            ? found
            : new OpenApiMediaType();
        media.Example = example;
        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = media },
        };
    }

    private static JsonNode Example(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The example {name} is not embedded.");
        return JsonNode.Parse(stream)!;
    }

    /// <summary>Names an answer's example as the first of its named examples (it stays its example too), and adds <paramref name="more"/> beside it.</summary>
    private static void Name(OpenApiOperation operation, string status, string name, params (OpenApiExample Example, string Name)[] more)
    {
        var media = operation.Responses![status].Content!["application/json"];
        media.Examples = new Dictionary<string, IOpenApiExample> { [name] = new OpenApiExample { Summary = name, Value = media.Example } };
        foreach (var (example, exampleName) in more) media.Examples[exampleName] = example;
    }

    private static OpenApiExample Refusal(int status, RefusalExample refusal) =>
        new() { Summary = refusal.Code, Value = ErrorExamples.Envelope(status, refusal.Message, refusal.Code, refusal.Field) };

    /// <summary>The refusals only the queued form (<c>?async=true</c>) answers with 400, beside the create's own.</summary>
    public static RefusalExample[] AsyncRefusals { get; } =
    [
        new("unsupported_option", "onError must be one of abort, skip, once.", "onError"),
        new("too_many_products", "At most 100 products per request; this one has 101."),
    ];

    public static RefusalExample TooManyActiveJobs { get; } =
        new("too_many_active_jobs", "This community has 5 bulk jobs queued or running; upload again when one has finished.");

    private static JsonNode QueuedJobExample() => JsonNode.Parse("""
        {"meta": {"status": "success", "statusCode": 200}, "message": "Bulk create products process is queued.",
         "data": {"_id": "6750c9e514a3e564c5c09c31", "communityID": "6502c9e514a3e564c5c09c0a", "type": "products", "state": "queued",
                  "fileName": "products.csv", "options": {"onError": "skip"}, "rows": {"total": 12, "processed": 0, "succeeded": 0, "failed": 0},
                  "progress": 0, "apiKeyID": "6502c9e514a3e564c5c09c0b", "error": null, "createdAt": "2026-12-01T09:30:00.000Z",
                  "startedAt": null, "finishedAt": null}}
        """)!;

    private static JsonNode DryRunExample()
    {
        var example = Example("products-bulk-response.json");
        example["meta"] = new JsonObject { ["status"] = "success", ["statusCode"] = 200, ["dryRun"] = true, ["wouldCreate"] = 1 };
        example["message"] = "Dry run: nothing was created.";
        foreach (var product in example["data"]!.AsArray())
        {
            foreach (var generated in new[] { "_id", "createdAt", "updatedAt" }) product!.AsObject().Remove(generated);
        }

        return example;
    }
}
