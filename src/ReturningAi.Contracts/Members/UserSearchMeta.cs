namespace ReturningAi.Contracts.Members;

/// <summary>The meta of a user search page; <c>nextCursor</c> is always written (null at the end).</summary>
public sealed record UserSearchMeta(string Status, int StatusCode, int Page, int Limit, int Total, int TotalPages, string? NextCursor);
