namespace ReturningAi.Contracts.Jobs;

/// <summary>
/// A chunk of a currency job, sent by the Jobs service to the Store and answered with <see cref="JobRowsApplied"/>.
/// Each row is one ledger entry, applied once per <c>(JobId, Row)</c>: a chunk sent again answers the recorded results.
/// </summary>
public sealed record ApplyCurrencyRows(string JobId, string CommunityId, string? ApiKeyId, IReadOnlyList<string> Header, IReadOnlyList<CsvRowCells> Rows)
{
    public const string EntityName = "BULK_EVENTS.APPLY_CURRENCY_ROWS";
}
