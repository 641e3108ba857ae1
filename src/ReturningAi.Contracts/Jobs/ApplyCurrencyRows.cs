namespace ReturningAi.Contracts.Jobs;

/// <summary>
/// A chunk of a currency job, sent by the Jobs service to the Store and answered with <see cref="CurrencyRowsApplied"/>.
/// Each row is one ledger entry, applied once per <c>(JobId, Row)</c>: a chunk sent again answers the recorded results.
/// The rows travel as CSV lines (<see cref="CsvRowLines"/>); the Store reads them with the readers of the upload.
/// </summary>
public sealed record ApplyCurrencyRows(string JobId, string CommunityId, string? ApiKeyId, IReadOnlyList<string> Header, CsvRowLines Rows)
{
    public const string EntityName = "BULK_EVENTS.APPLY_CURRENCY_ROWS";
}
