using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Jobs;
using ReturningAi.Csv;
using ReturningAi.Jobs.Infrastructure;
using ReturningAi.Jobs.Model;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.Users.Csv;

namespace ReturningAi.Jobs.Jobs;

/// <summary>Turns an upload that passed the file-level checks into a queued job: the limit of active jobs, then the job and its file in one transaction.</summary>
public sealed class JobUploads(JobsDbContext db, IOptions<JobOptions> options, JobSignal signal, IRequestClient<CheckUserColumns> columns,
    TimeProvider time, ILogger<JobUploads> logger)
{
    /// <summary>The owner's verdict on the custom field columns: errors, or null when it did not answer in time.</summary>
    public async Task<IReadOnlyList<ErrorItem>?> CheckUserColumnsAsync(string communityId, UserCsvHeader header, CancellationToken cancellationToken)
    {
        if (header.FieldColumns.Count == 0) return [];
        try
        {
            var response = await columns.GetResponse<UserColumnsChecked>(new CheckUserColumns(communityId, header.FieldColumns, header.OperationColumns),
                cancellationToken, RequestTimeout.After(s: options.Value.HeaderCheckSeconds));
            return response.Message.Errors;
        }
        catch (Exception exception) when (exception is RequestTimeoutException or RequestFaultException or MassTransitException)
        {
            logger.LogWarning(exception, "Community did not check the columns of a users upload");
            return null;
        }
    }

    /// <summary>The queued job, or null when the community has as many active jobs as it may.</summary>
    /// <param name="jobOptions">The job's options as a JSON object (a products job's <c>onError</c>).</param>
    public async Task<Job?> QueueAsync(string communityId, string? apiKeyId, string type, UploadedCsvFile file, IReadOnlyList<string> header, int rows,
        CancellationToken cancellationToken, string jobOptions = "{}")
    {
        await using var transaction = await NestedTransaction.BeginAsync(db, cancellationToken);
        // Counting and inserting under one lock per community: two uploads at once cannot both take the last place.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({"returningai-jobs:" + communityId}))", cancellationToken);
        var active = await db.Jobs.CountAsync(j => j.CommunityId == communityId && (j.State == JobStates.Queued || j.State == JobStates.Running),
            cancellationToken);
        if (active >= options.Value.MaxActivePerCommunity) return null;

        var job = new Job
        {
            Id = ObjectIds.New(time),
            CommunityId = communityId,
            Type = type,
            State = JobStates.Queued,
            FileName = file.FileName is { Length: > 255 } name ? name[..255] : file.FileName,
            Options = jobOptions,
            Header = [.. header],
            Total = rows,
            ApiKeyId = apiKeyId,
            CreatedAt = time.GetUtcNow(),
        };
        db.Jobs.Add(job);
        db.JobFiles.Add(new JobFile { JobId = job.Id, Content = file.Bytes.ToArray() });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Queued();
        logger.LogInformation("Queued {Type} job {JobId} of community {CommunityId}: {Rows} rows", type, job.Id, communityId, rows);
        return job;
    }
}
