namespace ReturningAi.Community.Model;

/// <summary>
/// The recorded outcome of one row of a bulk job, written in the transaction of the row's effect: its key
/// <c>(JobId, Row)</c> makes a row sent again answer this result instead of applying twice.
/// </summary>
public sealed class BulkRowResult
{
    public required string JobId { get; init; }
    public required int Row { get; init; }
    public required string CommunityId { get; init; }
    public required string Status { get; init; }
    public string? UserId { get; init; }

    /// <summary>The row's error items as JSON (an array; empty when it applied).</summary>
    public required string Errors { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
