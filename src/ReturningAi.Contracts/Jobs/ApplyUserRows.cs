namespace ReturningAi.Contracts.Jobs;

/// <summary>
/// A chunk of a users job, sent by the Jobs service to Community and answered with <see cref="JobRowsApplied"/>.
/// Each row is applied on its own, once per <c>(JobId, Row)</c>: a chunk sent again answers the recorded results.
/// </summary>
public sealed record ApplyUserRows(string JobId, string CommunityId, string? ApiKeyId, IReadOnlyList<string> Header, IReadOnlyList<CsvRowCells> Rows)
{
    public const string EntityName = "BULK_EVENTS.APPLY_USER_ROWS";
}
