namespace ReturningAi.Contracts.Jobs;

/// <summary>A job's counters: rows in the file, rows with a result, and how those ended.</summary>
public sealed record JobRowsDto(int Total, int Processed, int Succeeded, int Failed);
