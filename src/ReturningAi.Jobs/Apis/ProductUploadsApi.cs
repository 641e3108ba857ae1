using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Jobs;
using ReturningAi.Csv;
using ReturningAi.Jobs.Jobs;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Idempotency;
using ReturningAi.ServiceDefaults.Identity;

namespace ReturningAi.Jobs.Apis;

/// <summary>
/// <c>POST /products/bulk?async=true</c> (events-and-jobs.md section 3), which the gateway forwards here: the bulk create's
/// JSON array or CSV, read by the product readers; a problem of the whole upload (its shape, its header, over 100
/// products) answers 400 before any job, a product's own problems are its row's in the job. The partner's API document
/// describes the route with the gateway's synchronous create, whose path and body it shares.
/// </summary>
public static class ProductUploadsApi
{
    public const string QueuedMessage = "Bulk create products process is queued.";

    public static IEndpointRouteBuilder MapProductUploadsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/products/bulk", UploadProducts).RequireCommunity().RequirePermission(Permissions.Store).ExcludeFromDescription()
            .ReplaysLocation(BulkUploadsApi.LocationOfAnswer);
        return app;
    }

    public static async Task<IResult> UploadProducts(HttpContext http, JobUploads uploads, IOptions<JobOptions> options, CancellationToken cancellationToken)
    {
        var (onError, optionErrors) = ProductJobQuery.Read(http.Request.Query);
        if (optionErrors.Count > 0) return ApiErrors.Result(http, StatusCodes.Status400BadRequest, "The request's options are not supported.", optionErrors);

        var isCsv = MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType)
            && string.Equals(mediaType.MediaType.Value, "multipart/form-data", StringComparison.OrdinalIgnoreCase);
        UploadedCsvFile file;
        ProductJobFile read;
        if (isCsv)
        {
            var (csv, refusal) = await BulkUploadsApi.ReadFileAsync(http);
            if (refusal is not null) return refusal;
            (file, read) = (csv!, ProductJobFile.ReadCsv(csv!.Bytes));
        }
        else
        {
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = CsvFileUpload.MaxFileBytes;
            var (document, error) = await JsonBody.ReadAsync(http, new JsonDocumentOptions { MaxDepth = 32 });
            if (error is not null) return error;
            using (document)
            {
                read = ProductJobFile.ReadJson(document!.RootElement);
                // Stored as parsed: the worker reads the same array again.
                var bytes = JsonSerializer.SerializeToUtf8Bytes(document.RootElement);
                file = new UploadedCsvFile(bytes, bytes.Length, null);
            }
        }

        if (read.FileErrors.Count > 0) return ApiErrors.Result(http, StatusCodes.Status400BadRequest, "The file is invalid.", read.FileErrors);
        var jobOptions = new JsonObject { [ProductJobQuery.OnError] = onError }.ToJsonString();
        return await BulkUploadsApi.QueueAsync(http, uploads, options, JobTypes.Products, file, read.Header, read.Products.Count, QueuedMessage, jobOptions,
            cancellationToken);
    }
}
