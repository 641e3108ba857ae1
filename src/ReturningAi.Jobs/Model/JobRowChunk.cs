namespace ReturningAi.Jobs.Model;

/// <summary>
/// The recorded outcomes of one chunk of a job's rows, as one row: element by element, the rows' numbers, statuses, error
/// items (a JSON array, null when none) and results (a JSON object, null when none). Written with the job's counters in one
/// transaction per chunk, a row each instead of one per CSV row; read row by row through the <c>job_rows</c> view (<see cref="JobRow"/>).
/// </summary>
public sealed class JobRowChunk
{
    public required string JobId { get; init; }

    /// <summary>The chunk's first and last rows: chunks are recorded in file order, so a takeover goes on after the last.</summary>
    public required int FirstRow { get; init; }

    public required int LastRow { get; init; }
    public required int[] Rows { get; init; }
    public required string[] Statuses { get; init; }
    public required string?[] Errors { get; init; }
    public required string?[] Results { get; init; }
}
