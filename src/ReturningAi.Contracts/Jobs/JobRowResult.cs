using ReturningAi.Contracts.Http;

namespace ReturningAi.Contracts.Jobs;

/// <summary>One row's outcome as the owning service recorded it; <c>UserId</c> for users rows.</summary>
public sealed record JobRowResult(int Row, string Status, IReadOnlyList<ErrorItem> Errors, string? UserId);
