using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Jobs;
using ReturningAi.Jobs.Infrastructure;
using ReturningAi.Jobs.Jobs;
using ReturningAi.Jobs.Model;
using ReturningAi.Lists;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.ServiceDefaults.OpenApi;

namespace ReturningAi.Jobs.Apis;

/// <summary>
/// Reading jobs (events-and-jobs.md section 3). A job is visible by its type: users jobs to keys holding <c>users</c>,
/// the others to keys holding <c>store</c>; any other job is 404 and left out of lists.
/// </summary>
public static class BulkJobsApi
{
    public const int MaxDetailsLimit = 1000;
    public const int DefaultDetailsLimit = 100;

    public static readonly ListDefinition<Job, JobDto> JobList = new ListDefinition<Job, JobDto>()
        .Sort("createdAt", j => j.CreatedAt).Filter("type", j => j.Type).Filter("state", j => j.State)
        .OrderBy("createdAt", descending: true).Tiebreak(j => j.Id, descending: true);

    public static IEndpointRouteBuilder MapBulkJobsApi(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/bulk/jobs").RequireCommunity().WithTags("Bulk operations");
        jobs.MapGet("/", ListJobs).WithName("listBulkJobs").WithSummary("List bulk update jobs")
            .ListParameters(JobList)
            .QueryParameter("type", Microsoft.OpenApi.JsonSchemaType.String, "Only jobs of this type: users, currency or products.")
            .QueryParameter("state", Microsoft.OpenApi.JsonSchemaType.String, "Only jobs in this state: queued, running, succeeded, partially_succeeded or failed.")
            .Returns<IReadOnlyList<JobDto>>().ResponseExample("Read bulk jobs success.", new[] { JobExamples.FinishedJob }).Errors(400);
        jobs.MapGet("/{jobId}", GetJob).WithName("getBulkJob").WithSummary("Get bulk update job status")
            .Returns<JobDto>().ResponseExample("Read bulk job success.", JobExamples.FinishedJob).Errors(404);
        jobs.MapGet("/{jobId}/details", GetDetails).WithName("getBulkJobDetails").WithSummary("Get bulk update job details")
            .QueryParameter("skip", Microsoft.OpenApi.JsonSchemaType.Integer, "Rows to skip (≥ 0, default 0).")
            .QueryParameter("limit", Microsoft.OpenApi.JsonSchemaType.Integer, $"Rows per page, 1–{MaxDetailsLimit} (default {DefaultDetailsLimit}).")
            .QueryParameter("status", Microsoft.OpenApi.JsonSchemaType.String, "Only rows of this status: created, updated, applied, failed or not_applied.")
            .Returns<IReadOnlyList<JobDetailDto>>().ResponseExample("Read bulk job details success.", JobExamples.Details).Errors(400, 404);
        jobs.MapGet("/{jobId}/errors.csv", GetErrorsCsv).WithName("getBulkJobErrorsCsv").WithSummary("Download a finished job's failed rows as CSV")
            .Produces<string>(200, "text/csv").CsvExample(JobExamples.ErrorsCsv).Errors(404, 409);
        return app;
    }

    public static Task<IResult> ListJobs(HttpContext http, JobsDbContext db, CancellationToken cancellationToken)
    {
        var identity = http.GetGatewayIdentity();
        var types = VisibleTypes(identity);
        var jobs = db.Jobs.AsNoTracking().Where(j => j.CommunityId == identity.CommunityId && types.Contains(j.Type));
        // The contract's filters as plain parameters too (?type=users&state=running), beside filter=type:users.
        var errors = new List<ErrorItem>();
        if (Filter(http, "type", JobTypes.All, errors) is { } type) jobs = jobs.Where(j => j.Type == type);
        if (Filter(http, "state", JobStates.All, errors) is { } state) jobs = jobs.Where(j => j.State == state);
        return errors.Count > 0
            ? Task.FromResult(ApiErrors.Validation(http, errors))
            : JobList.ListAsync(http, jobs, "Read bulk jobs success.", JobViews.ToDto, cancellationToken);
    }

    public static async Task<IResult> GetJob(string jobId, HttpContext http, JobsDbContext db, CancellationToken cancellationToken) =>
        await FindAsync(http, db, jobId, cancellationToken) is { } job
            ? ApiResults.Success("Read bulk job success.", JobViews.ToDto(job))
            : ApiErrors.NotFound(http, "The job");

    public static async Task<IResult> GetDetails(string jobId, HttpContext http, JobsDbContext db, CancellationToken cancellationToken)
    {
        if (await FindAsync(http, db, jobId, cancellationToken) is not { } job) return ApiErrors.NotFound(http, "The job");

        var errors = new List<ErrorItem>();
        var skip = Integer(http, "skip", 0, 0, int.MaxValue, errors);
        var limit = Integer(http, "limit", DefaultDetailsLimit, 1, MaxDetailsLimit, errors);
        var status = http.Request.Query["status"].ToString();
        if (status.Length > 0 && !RowStatuses.All.Contains(status, StringComparer.Ordinal))
        {
            errors.Add(new ErrorItem("invalid_filter", $"status must be one of {string.Join(", ", RowStatuses.All)}.", "status"));
        }

        if (errors.Count > 0) return ApiErrors.Validation(http, errors);
        var rows = db.JobRows.AsNoTracking().Where(r => r.JobId == job.Id);
        if (status.Length > 0) rows = rows.Where(r => r.Status == status);
        var total = await rows.CountAsync(cancellationToken);
        var page = await rows.OrderBy(r => r.Row).Skip(skip).Take(limit).ToListAsync(cancellationToken);
        var meta = ApiMeta.Success(StatusCodes.Status200OK) with
        {
            Skip = skip,
            Limit = limit,
            Total = total,
            Page = skip / limit + 1,
            TotalPages = (total + limit - 1) / limit,
        };
        return ApiResults.Success(meta, "Read bulk job details success.", page.Select(r => JobViews.ToDetail(r, ProductJobFile.IsJson(job))).ToList());
    }

    public static async Task<IResult> GetErrorsCsv(string jobId, HttpContext http, JobsDbContext db, CancellationToken cancellationToken)
    {
        if (await FindAsync(http, db, jobId, cancellationToken) is not { } job) return ApiErrors.NotFound(http, "The job");
        if (!JobStates.IsFinal(job.State))
        {
            return ApiErrors.Result(http, StatusCodes.Status409Conflict, "job_not_finished",
                $"The job is {job.State}; its errors file is ready once it has finished.");
        }

        if (ProductJobFile.IsJson(job)) return ApiErrors.NotFound(http, "An errors file of a JSON upload (read the job's details instead)");

        var failed = await db.JobRows.AsNoTracking().Where(r => r.JobId == job.Id && r.Status == RowStatuses.Failed).OrderBy(r => r.Row)
            .ToListAsync(cancellationToken);
        var messages = failed.ToDictionary(r => r.Row, r => ErrorsCsv.Message(JobViews.Errors(r)));
        var content = await db.JobFiles.AsNoTracking().Where(f => f.JobId == job.Id).Select(f => f.Content).SingleAsync(cancellationToken);
        var name = Path.GetFileNameWithoutExtension(job.FileName ?? "job") is { Length: > 0 } stem ? stem : "job";
        // A product is its first row and the continuation rows up to the next product's.
        var errorsFile = job.Type == JobTypes.Products
            ? ErrorsCsv.WriteProducts(content, messages, (await db.JobRows.AsNoTracking().Where(r => r.JobId == job.Id).Select(r => r.Row).ToListAsync(cancellationToken)).ToHashSet())
            : ErrorsCsv.Write(content, messages);
        return TypedResults.File(errorsFile, "text/csv; charset=utf-8", $"{Safe(name)}-errors.csv");

        static string Safe(string value) => new([.. value.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')]);
    }

    /// <summary>The job, if it is the caller's community's and of a type the caller's key may see.</summary>
    private static async Task<Job?> FindAsync(HttpContext http, JobsDbContext db, string jobId, CancellationToken cancellationToken)
    {
        if (!ObjectIds.IsValid(jobId)) return null;
        var identity = http.GetGatewayIdentity();
        var types = VisibleTypes(identity);
        return await db.Jobs.AsNoTracking()
            .SingleOrDefaultAsync(j => j.Id == jobId && j.CommunityId == identity.CommunityId && types.Contains(j.Type), cancellationToken);
    }

    private static List<string> VisibleTypes(GatewayIdentity identity) =>
        [.. JobTypes.All.Where(type => Permissions.Covers(identity.Permissions, JobTypes.Permission(type)))];

    private static string? Filter(HttpContext http, string name, IReadOnlyList<string> allowed, List<ErrorItem> errors)
    {
        var value = http.Request.Query[name].ToString();
        if (value.Length == 0) return null;
        if (allowed.Contains(value, StringComparer.Ordinal)) return value;
        errors.Add(new ErrorItem("invalid_filter", $"{name} must be one of {string.Join(", ", allowed)}.", name));
        return null;
    }

    private static int Integer(HttpContext http, string name, int fallback, int min, int max, List<ErrorItem> errors)
    {
        var text = http.Request.Query[name].ToString();
        if (text.Length == 0) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        errors.Add(new ErrorItem("out_of_range", $"{name} must be a whole number from {min} to {max}.", name));
        return fallback;
    }
}
