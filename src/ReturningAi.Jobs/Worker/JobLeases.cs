using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReturningAi.Contracts.Jobs;
using ReturningAi.Jobs.Infrastructure;
using ReturningAi.Jobs.Jobs;
using ReturningAi.ServiceDefaults.Data;

namespace ReturningAi.Jobs.Worker;

/// <summary>
/// Claiming and keeping jobs. A claim takes the oldest queued job of a community and type with none running, or a
/// running job whose lease lapsed (its worker died), with <c>FOR UPDATE SKIP LOCKED</c> so instances never wait on
/// each other; the unique index <c>ux_jobs_one_running</c> settles two claims for one community at once.
/// </summary>
public sealed class JobLeases(JobsDbContext db, IOptions<JobOptions> options)
{
    /// <summary>The job types this worker runs: those whose owners answer row commands (<see cref="JobRunner"/>).</summary>
    public static readonly string[] RunnableTypes = [JobTypes.Users, JobTypes.Currency, JobTypes.Products];

    public async Task<string?> ClaimAsync(Guid owner, CancellationToken cancellationToken)
    {
        var seconds = options.Value.LeaseSeconds;
        var types = RunnableTypes;
        try
        {
            var claimed = await db.Database.SqlQuery<string>($"""
                UPDATE jobs SET state = {JobStates.Running}, lease_owner = {owner}, lease_until = now() + make_interval(secs => {seconds}),
                    started_at = coalesce(started_at, now())
                WHERE id = (
                    SELECT j.id FROM jobs j
                    WHERE j.type = ANY({types})
                      AND ((j.state = {JobStates.Running} AND j.lease_until < now())
                        OR (j.state = {JobStates.Queued} AND NOT EXISTS (
                            SELECT 1 FROM jobs r WHERE r.community_id = j.community_id AND r.type = j.type AND r.state = {JobStates.Running})))
                    ORDER BY j.created_at, j.id
                    LIMIT 1
                    FOR UPDATE SKIP LOCKED)
                RETURNING id AS "Value"
                """).ToListAsync(cancellationToken);
            return claimed.FirstOrDefault()?.Trim();
        }
        catch (Exception exception) when (PostgresErrors.IsUniqueViolation(exception, "ux_jobs_one_running"))
        {
            return null; // another instance started a job of this community and type a moment ago
        }
    }

    /// <summary>Extends the lease; false when it is no longer this owner's (taken over after it lapsed).</summary>
    public async Task<bool> RenewAsync(string jobId, Guid owner, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"""
            UPDATE jobs SET lease_until = now() + make_interval(secs => {options.Value.LeaseSeconds})
            WHERE id = {jobId}::bpchar AND lease_owner = {owner} AND state = {JobStates.Running}
            """, cancellationToken) == 1;

    /// <summary>Deletes jobs finished longer ago than <see cref="JobOptions.KeepDays"/>, with their files and rows.</summary>
    public Task<int> ForgetOldAsync(CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"DELETE FROM jobs WHERE finished_at < now() - make_interval(days => {options.Value.KeepDays})", cancellationToken);
}
