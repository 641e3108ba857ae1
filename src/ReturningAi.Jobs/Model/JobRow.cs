namespace ReturningAi.Jobs.Model;

/// <summary>One row's recorded outcome, as the <c>job_rows</c> view unnests it from its <see cref="JobRowChunk"/>.</summary>
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
