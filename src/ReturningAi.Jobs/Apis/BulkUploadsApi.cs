using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Jobs;
using ReturningAi.Csv;
using ReturningAi.Jobs.Jobs;
using ReturningAi.Rewards.Csv;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Idempotency;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.ServiceDefaults.OpenApi;
using Microsoft.Extensions.Options;
using ReturningAi.Users.Csv;

namespace ReturningAi.Jobs.Apis;

/// <summary>
/// The uploads that start bulk jobs (events-and-jobs.md section 3): the file-level checks answer 400 before any job
/// exists; an accepted file is queued and answered 200 with the job and its <c>Location</c>.
/// </summary>
public static class BulkUploadsApi
{
    public const string UsersQueuedMessage = "Bulk update user process is queued.";
    public const string CurrencyQueuedMessage = "Bulk update premium currency process is queued.";

    public static IEndpointRouteBuilder MapBulkUploadsApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/users").RequireCommunity().RequirePermission(Permissions.Users).WithTags("Bulk operations");
        users.MapPost("/bulk-update", UploadUsers).WithName("bulkUpdateUsers").WithSummary("Bulk update users from CSV")
            .UsersUpload(JobExamples.UsersCsv).Returns<JobDto>().ResponseExample(UsersQueuedMessage, JobExamples.QueuedJob).Errors(400, 409, 415, 502)
            .UploadRefusalExamples().ReplaysLocation(LocationOfAnswer).RefusalExamples(502, JobExamples.UpstreamUnavailable);
        users.MapPost("/bulk-import", UploadUsers).WithName("bulkImportUsers").WithSummary("Bulk import users from CSV (legacy path of bulk update)")
            .UsersUpload(JobExamples.UsersCsv).Returns<JobDto>().ResponseExample(UsersQueuedMessage, JobExamples.QueuedJob).Errors(400, 409, 415, 502)
            .UploadRefusalExamples().ReplaysLocation(LocationOfAnswer).RefusalExamples(502, JobExamples.UpstreamUnavailable);
        app.MapGroup("/bulk").RequireCommunity().RequirePermission(Permissions.Store).WithTags("Bulk operations")
            .MapPost("/currency", UploadCurrency).WithName("bulkUpdateCurrency").WithSummary("Bulk update premium currency from CSV")
            .CurrencyUpload(JobExamples.CurrencyCsv).Returns<JobDto>().ResponseExample(CurrencyQueuedMessage, JobExamples.QueuedCurrencyJob).Errors(400, 409, 415)
            .UploadRefusalExamples().ReplaysLocation(LocationOfAnswer);
        return app;
    }

    public static async Task<IResult> UploadUsers(HttpContext http, JobUploads uploads, IOptions<JobOptions> options, CancellationToken cancellationToken)
    {
        var (file, refusal) = await ReadFileAsync(http);
        if (refusal is not null) return refusal;

        var inspection = CsvJobFile.Inspect(file!.Bytes, options.Value.MaxRows, UserCsvHeader.Read);
        if (inspection.Columns is null) return ApiErrors.Result(http, StatusCodes.Status400BadRequest, "The file is invalid.", inspection.Errors);

        // The header's problems and its unknown field columns come back together.
        var identity = http.GetGatewayIdentity();
        var columnErrors = await uploads.CheckUserColumnsAsync(identity.CommunityId!, inspection.Columns, cancellationToken);
        if (columnErrors is null)
        {
            return ApiErrors.Result(http, StatusCodes.Status502BadGateway, "upstream_unavailable",
                "The users service could not check the file's columns in time; nothing was queued. Try again.");
        }

        return await QueueAsync(http, uploads, options, JobTypes.Users, file, inspection with { Errors = [.. columnErrors, .. inspection.Errors] },
            UsersQueuedMessage, cancellationToken);
    }

    public static async Task<IResult> UploadCurrency(HttpContext http, JobUploads uploads, IOptions<JobOptions> options, CancellationToken cancellationToken)
    {
        var (file, refusal) = await ReadFileAsync(http);
        if (refusal is not null) return refusal;
        var inspection = CsvJobFile.Inspect(file!.Bytes, options.Value.MaxRows, CurrencyCsvHeader.Read);
        return await QueueAsync(http, uploads, options, JobTypes.Currency, file, inspection, CurrencyQueuedMessage, cancellationToken);
    }

    /// <summary>The multipart body's CSV file (field <c>file</c> or <c>data</c>, at most 10 MiB), or the refusal that answers instead.</summary>
    internal static async Task<(UploadedCsvFile? File, IResult? Refusal)> ReadFileAsync(HttpContext http)
    {
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType)
            || !string.Equals(mediaType.MediaType.Value, "multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return (null, ApiErrors.Result(http, StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type",
                "Send the CSV as multipart/form-data, in the field 'file' (or 'data')."));
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = CsvFileUpload.MaxFileBytes + CsvFileUpload.MultipartAllowance;
        }

        var (file, error) = await CsvFileUpload.ReadAsync(http, mediaType, "file", "data");
        return error is null ? (file, null) : (null, ApiErrors.Result(http, StatusCodes.Status400BadRequest, error.Message, [error with { Field = error.Field ?? "file" }]));
    }

    /// <summary>A file that passed its checks, queued as a job and answered with it and its <c>Location</c>; its problems (all together) answer 400.</summary>
    private static async Task<IResult> QueueAsync<THeader>(HttpContext http, JobUploads uploads, IOptions<JobOptions> options, string type, UploadedCsvFile file,
        CsvJobFile.Inspection<THeader> inspection, string message, CancellationToken cancellationToken)
        where THeader : class
    {
        if (inspection.Columns is null || inspection.Errors.Count > 0)
        {
            return ApiErrors.Result(http, StatusCodes.Status400BadRequest, "The file is invalid.", inspection.Errors);
        }

        return await QueueAsync(http, uploads, options, type, file, inspection.Header!, inspection.Rows, message, "{}", cancellationToken);
    }

    /// <summary>An accepted upload queued as a job and answered with it and its <c>Location</c>; 409 when the community has too many active jobs.</summary>
    internal static async Task<IResult> QueueAsync(HttpContext http, JobUploads uploads, IOptions<JobOptions> options, string type, UploadedCsvFile file,
        IReadOnlyList<string> header, int rows, string message, string jobOptions, CancellationToken cancellationToken)
    {
        var identity = http.GetGatewayIdentity();
        var job = await uploads.QueueAsync(identity.CommunityId!, identity.ApiKeyId, type, file, header, rows, cancellationToken, jobOptions);
        if (job is null)
        {
            return ApiErrors.Result(http, StatusCodes.Status409Conflict, "too_many_active_jobs",
                $"This community has {options.Value.MaxActivePerCommunity} bulk jobs queued or running; upload again when one has finished.");
        }

        http.Response.Headers.Location = JobLocation(job.Id);
        return ApiResults.Success(message, JobViews.ToDto(job));
    }

    public static string JobLocation(string jobId) => $"/apis/bulk/jobs/{jobId}";

    /// <summary>The <c>Location</c> of a stored answer (an Idempotency-Key replay): the queued job's, none for a refusal.</summary>
    public static string? LocationOfAnswer(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var answer = JsonDocument.Parse(body);
            return answer.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("_id", out var id) && id.GetString() is { } jobId && ObjectIds.IsValid(jobId)
                ? JobLocation(jobId)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
