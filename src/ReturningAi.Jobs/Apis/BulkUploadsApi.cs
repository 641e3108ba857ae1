using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Jobs;
using ReturningAi.Csv;
using ReturningAi.Jobs.Jobs;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.ServiceDefaults.OpenApi;
using Microsoft.Extensions.Options;

namespace ReturningAi.Jobs.Apis;

/// <summary>
/// The uploads that start bulk jobs (events-and-jobs.md section 3): the file-level checks answer 400 before any job
/// exists; an accepted file is queued and answered 200 with the job and its <c>Location</c>.
/// </summary>
public static class BulkUploadsApi
{
    public const string UsersQueuedMessage = "Bulk update user process is queued.";

    public static IEndpointRouteBuilder MapBulkUploadsApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/users").RequireCommunity().RequirePermission(Permissions.Users).WithTags("Bulk operations");
        users.MapPost("/bulk-update", UploadUsers).WithName("bulkUpdateUsers").WithSummary("Bulk update users from CSV")
            .UsersUpload(JobExamples.UsersCsv).Returns<JobDto>().ResponseExample(UsersQueuedMessage, JobExamples.QueuedJob).Errors(400, 409, 415, 502);
        users.MapPost("/bulk-import", UploadUsers).WithName("bulkImportUsers").WithSummary("Bulk import users from CSV (legacy path of bulk update)")
            .UsersUpload(JobExamples.UsersCsv).Returns<JobDto>().ResponseExample(UsersQueuedMessage, JobExamples.QueuedJob).Errors(400, 409, 415, 502);
        return app;
    }

    public static async Task<IResult> UploadUsers(HttpContext http, JobUploads uploads, IOptions<JobOptions> options, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType)
            || !string.Equals(mediaType.MediaType.Value, "multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return ApiErrors.Result(http, StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type",
                "Send the CSV as multipart/form-data, in the field 'file' (or 'data').");
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = CsvFileUpload.MaxFileBytes + CsvFileUpload.MultipartAllowance;
        }

        var (file, error) = await CsvFileUpload.ReadAsync(http, mediaType, "file", "data");
        if (error is not null) return ApiErrors.Result(http, StatusCodes.Status400BadRequest, error.Message, [error with { Field = error.Field ?? "file" }]);

        var inspection = UserJobFile.Inspect(file!.Bytes, options.Value.MaxRows);
        if (inspection.Columns is null) return ApiErrors.Result(http, StatusCodes.Status400BadRequest, "The file is invalid.", inspection.Errors);

        // The header's problems and its unknown field columns come back together.
        var identity = http.GetGatewayIdentity();
        var columnErrors = await uploads.CheckUserColumnsAsync(identity.CommunityId!, inspection.Columns, cancellationToken);
        if (columnErrors is null)
        {
            return ApiErrors.Result(http, StatusCodes.Status502BadGateway, "upstream_unavailable",
                "The users service could not check the file's columns in time; nothing was queued. Try again.");
        }

        if (inspection.Errors.Count + columnErrors.Count > 0)
        {
            return ApiErrors.Result(http, StatusCodes.Status400BadRequest, "The file is invalid.", [.. columnErrors, .. inspection.Errors]);
        }

        var job = await uploads.QueueAsync(identity.CommunityId!, identity.ApiKeyId, JobTypes.Users, file, inspection.Header!, inspection.Rows, cancellationToken);
        if (job is null)
        {
            return ApiErrors.Result(http, StatusCodes.Status409Conflict, "too_many_active_jobs",
                $"This community has {options.Value.MaxActivePerCommunity} bulk jobs queued or running; upload again when one has finished.");
        }

        http.Response.Headers.Location = $"/apis/bulk/jobs/{job.Id}";
        return ApiResults.Success(UsersQueuedMessage, JobViews.ToDto(job));
    }
}
