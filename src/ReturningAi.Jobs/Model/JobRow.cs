namespace ReturningAi.Jobs.Model;

/// <summary>One row's recorded outcome; written with the job's counters in one transaction per chunk.</summary>
public sealed class JobRow
{
    public required string JobId { get; init; }
    public required int Row { get; init; }
    public required string Status { get; init; }

    /// <summary>The row's error items as a JSON array.</summary>
    public required string Errors { get; init; }

    /// <summary>The result object as JSON (<c>{"userID": …}</c>), or null.</summary>
    public string? Result { get; init; }
}
