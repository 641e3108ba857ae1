namespace ReturningAi.Contracts.Jobs;

/// <summary>The reply to a chunk: one result per row, in the chunk's order.</summary>
public sealed record JobRowsApplied(IReadOnlyList<JobRowResult> Results);
