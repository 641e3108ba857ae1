namespace ReturningAi.Jobs.Model;

/// <summary>
/// A bulk job: its file's header, counters, state, and the lease of the worker running it (<see cref="LeaseOwner"/>
/// until <see cref="LeaseUntil"/>); a running job whose lease lapsed is taken over by another worker.
/// </summary>
public sealed class Job
{
    public required string Id { get; init; }
    public required string CommunityId { get; init; }
    public required string Type { get; init; }
    public required string State { get; set; }
    public string? FileName { get; init; }

    /// <summary>The job's options as a JSON object (<c>{}</c> for users jobs).</summary>
    public required string Options { get; init; }

    /// <summary>The file's header cells as uploaded.</summary>
    public required string[] Header { get; init; }

    public int Total { get; init; }
    public int Processed { get; set; }
    public int Succeeded { get; set; }
    public int Failed { get; set; }
    public string? ApiKeyId { get; init; }
    public string? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public Guid? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
}
