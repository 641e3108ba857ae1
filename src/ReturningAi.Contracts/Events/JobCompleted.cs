using ReturningAi.Contracts.Jobs;

namespace ReturningAi.Contracts.Events;

/// <summary><c>BULK_EVENTS.JOB_COMPLETED</c>: a bulk job reached its final state; the job as <c>GET /bulk/jobs/{jobID}</c> shows it.</summary>
public sealed record JobCompleted(string CommunityId, JobDto Job)
{
    public const string EntityName = "BULK_EVENTS.JOB_COMPLETED";
}
