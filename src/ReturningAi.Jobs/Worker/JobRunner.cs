using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReturningAi.Contracts.Events;
using ReturningAi.Contracts.Jobs;
using ReturningAi.Csv;
using ReturningAi.Jobs.Infrastructure;
using ReturningAi.Jobs.Jobs;
using ReturningAi.Jobs.Model;
using ReturningAi.Messaging;

namespace ReturningAi.Jobs.Worker;

/// <summary>
/// Runs one claimed job to its end: reads the stored file (streamed, <see cref="StoredJobFile"/>) in file order from the first row without a result, sends
/// the rows in chunks to the owning service, and records each chunk's results (one <see cref="JobRowChunk"/>) with the counters in one transaction.
/// The final state and <c>BULK_EVENTS.JOB_COMPLETED</c> commit together. Every write checks that the lease is still
/// this owner's, so a worker that lost its job to a takeover records nothing more. The job's type names its owner's
/// command: users rows go to Community, currency rows to the Store; a products job goes whole to the Store (JobRunner.Products.cs).
/// </summary>
public sealed partial class JobRunner(JobsDbContext db, IRequestClient<ApplyUserRows> userRows, IRequestClient<ApplyCurrencyRows> currencyRows,
    IRequestClient<ApplyProductJob> productJobs, IOptions<JobOptions> options, TimeProvider time, ILogger<JobRunner> logger)
{
    public async Task RunAsync(string jobId, Guid owner, CancellationToken cancellationToken)
    {
        var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId, cancellationToken);
        if (job.Type == JobTypes.Products)
        {
            var content = await db.JobFiles.AsNoTracking().Where(f => f.JobId == jobId).Select(f => f.Content).SingleAsync(cancellationToken);
            await RunProductsAsync(job, owner, content, cancellationToken);
            return;
        }

        // Chunks are recorded whole and in file order, so the rows with results are the ones up to the last recorded.
        var done = await db.JobRowChunks.Where(c => c.JobId == jobId).MaxAsync(c => (int?)c.LastRow, cancellationToken) ?? 0;
        if (done > 0) logger.LogInformation("Taking over job {JobId} after row {Row}", jobId, done);

        var settings = options.Value;
        var chunkRows = job.Type == JobTypes.Currency ? settings.CurrencyChunkRows : settings.ChunkRows;
        var chunk = new List<CsvRowCells>();
        var characters = 0;
        // Pipelined: a chunk's results are recorded while the next chunk is sent, which the owner applies only after the
        // one before it answered, so rows still apply in file order. A worker stopped in between leaves its last chunk
        // unrecorded; the owner's markers answer it again to whoever takes the job over.
        var recording = Task.FromResult(true);
        await using var file = await StoredJobFile.OpenAsync(db.Database.GetConnectionString()!, jobId, cancellationToken);
        try
        {
            foreach (var record in CsvRecords.Read(file.Content).Skip(1))
            {
                if (record.Row <= done) continue;
                chunk.Add(record);
                characters += record.Cells.Sum(c => c.Length + 1);
                if (chunk.Count < chunkRows && characters < settings.ChunkCharacters) continue;
                recording = await ApplyChunkAsync(job, owner, chunk, recording, cancellationToken);
                if (recording is null) return;
                chunk = [];
                characters = 0;
            }

            if (chunk.Count > 0) recording = await ApplyChunkAsync(job, owner, chunk, recording, cancellationToken);
            if (recording is null || !await recording) return;
        }
        finally
        {
            // The context is the recording's until it ends, whatever stopped the loop.
            if (recording is not null) await recording.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }

        await FinishAsync(jobId, owner, null, cancellationToken);
    }

    private Task<Task<bool>?> ApplyChunkAsync(Job job, Guid owner, List<CsvRowCells> chunk, Task<bool> previous, CancellationToken cancellationToken) =>
        ApplyAsync(job, owner, [.. chunk.Select(r => r.Row)], async timeout => (await SendAsync(job, chunk, timeout, cancellationToken)).Results, previous,
            cancellationToken);

    /// <summary>
    /// Sends rows until the owner answers, waits for the rows before them to be recorded, and starts recording these: their
    /// recording, or null when the job is no longer this worker's to go on with.
    /// </summary>
    private async Task<Task<bool>?> ApplyAsync(Job job, Guid owner, List<int> rows, Func<RequestTimeout, Task<IReadOnlyList<JobRowResult>>> send,
        Task<bool> previous, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var results = await send(RequestTimeout.After(s: settings.ChunkTimeoutSeconds));
                return await previous ? RecordAsync(job.Id, owner, rows, results, cancellationToken) : null;
            }
            catch (Exception exception) when (exception is RequestTimeoutException or RequestFaultException or MassTransitException
                                              && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Rows {First}–{Last} of job {JobId} got no answer (attempt {Attempt})", rows[0], rows[^1], job.Id, attempt);
                if (attempt >= settings.ChunkAttempts)
                {
                    if (!await previous) return null;
                    await FinishAsync(job.Id, owner, ("rows_not_processed",
                        $"The rows from line {rows[0]} on could not be processed: the service that applies them did not answer."), cancellationToken);
                    return null;
                }

                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt * 2)), time, cancellationToken);
            }
        }
    }

    private async Task<JobRowsApplied> SendAsync(Job job, List<CsvRowCells> chunk, RequestTimeout timeout, CancellationToken cancellationToken)
    {
        return job.Type switch
        {
            JobTypes.Users => (await userRows.GetResponse<JobRowsApplied>(new ApplyUserRows(job.Id, job.CommunityId, job.ApiKeyId, job.Header, chunk),
                cancellationToken, timeout)).Message,
            JobTypes.Currency => new JobRowsApplied((await currencyRows.GetResponse<CurrencyRowsApplied>(
                new ApplyCurrencyRows(job.Id, job.CommunityId, job.ApiKeyId, job.Header, CsvRecords.ToLines(chunk)), cancellationToken, timeout))
                .Message.ToResults([.. chunk.Select(r => r.Row)])),
            _ => throw new InvalidOperationException($"No service applies rows of {job.Type} jobs."),
        };
    }

    /// <summary>
    /// The row's result as the details show it: <c>{userID}</c>, <c>{transactionID, userID, balance}</c> for a ledger entry, or
    /// <c>{productID}</c>; null for a failed row.
    /// </summary>
    private static string? ResultJson(JobRowResult row) => row switch
    {
        { Status: RowStatuses.Failed } => null,
        { ProductId: { } product } => new JsonObject { ["productID"] = product }.ToJsonString(),
        { TransactionId: { } transaction } => new JsonObject { ["transactionID"] = transaction, ["userID"] = row.UserId, ["balance"] = row.Balance }.ToJsonString(),
        { UserId: { } user } => new JsonObject { ["userID"] = user }.ToJsonString(),
        _ => null,
    };

    private async Task<bool> RecordAsync(string jobId, Guid owner, IEnumerable<int> rows, IReadOnlyList<JobRowResult> results,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var job = await LockAsync(jobId, owner, cancellationToken);
        if (job is null) return false;

        var sent = rows.ToHashSet();
        var recorded = results.Where(r => sent.Remove(r.Row)).ToList();
        if (recorded.Count > 0)
        {
            db.JobRowChunks.Add(new JobRowChunk
            {
                JobId = jobId,
                FirstRow = recorded.Min(r => r.Row),
                LastRow = recorded.Max(r => r.Row),
                Rows = [.. recorded.Select(r => r.Row)],
                Statuses = [.. recorded.Select(r => r.Status)],
                Errors = [.. recorded.Select(r => r.Errors.Count == 0 ? null : JsonSerializer.Serialize(r.Errors, JsonSerializerOptions.Web))],
                Results = [.. recorded.Select(ResultJson)],
            });
        }

        var failed = recorded.Count(r => r.Status == RowStatuses.Failed);
        // A valid product of an aborted products job is neither (not_applied).
        var notApplied = recorded.Count(r => r.Status == RowStatuses.NotApplied);
        job.Processed += recorded.Count;
        job.Failed += failed;
        job.Succeeded += recorded.Count - failed - notApplied;
        job.LeaseUntil = time.GetUtcNow().AddSeconds(options.Value.LeaseSeconds);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return true;
    }

    /// <summary>The final state, readable, and <c>BULK_EVENTS.JOB_COMPLETED</c> with it, in one transaction.</summary>
    private async Task FinishAsync(string jobId, Guid owner, (string Code, string Message)? error, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var job = await LockAsync(jobId, owner, cancellationToken);
        if (job is null) return;

        job.State = JobStates.Final(job.Succeeded, job.Failed + (job.Total - job.Processed));
        job.ErrorCode = error?.Code;
        job.ErrorMessage = error?.Message;
        job.FinishedAt = time.GetUtcNow();
        job.LeaseOwner = null;
        job.LeaseUntil = null;
        db.AddEvent(new JobCompleted(job.CommunityId, JobViews.ToDto(job)), $"job:{job.Id}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        logger.LogInformation("Job {JobId} ended {State}: {Succeeded} rows applied, {Failed} failed", job.Id, job.State, job.Succeeded, job.Failed);
    }

    /// <summary>The job, locked, while it is still running under this owner's lease; else null.</summary>
    private async Task<Job?> LockAsync(string jobId, Guid owner, CancellationToken cancellationToken)
    {
        var job = await db.Jobs.FromSql($"SELECT * FROM jobs WHERE id = {jobId}::bpchar FOR UPDATE").SingleAsync(cancellationToken);
        if (job.LeaseOwner == owner && job.State == JobStates.Running) return job;
        logger.LogWarning("Job {JobId} is no longer this worker's: another took it over", jobId);
        return null;
    }
}
