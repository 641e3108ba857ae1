namespace ReturningAi.Store.Model;

/// <summary>
/// The recorded outcome of one failed row of a currency job, written in the transaction of its chunk (an applied row's
/// marker is its ledger entry, <see cref="LedgerEntry.JobRow"/>), or of one product of a products job (<see cref="Row"/> its
/// position in the job), written with the products: its key <c>(JobId, Row)</c> makes a row sent again answer this result
/// instead of being judged again.
/// </summary>
public sealed class BulkRowMarker
{
    public required string JobId { get; init; }
    public required int Row { get; init; }
    public required string CommunityId { get; init; }
    public required string Status { get; init; }
    public string? UserId { get; init; }

    /// <summary>
    /// The ledger entry an applied row wrote (<c>transactionID</c>), and the balance after it: only in markers written before an
    /// entry carried its row (<see cref="LedgerEntry.JobRow"/>), which still answer a chunk of a job that ran across the upgrade.
    /// </summary>
    public string? TransactionId { get; init; }

    public decimal? Balance { get; init; }

    /// <summary>The product a products job created from this one.</summary>
    public string? ProductId { get; init; }

    /// <summary>The row's error items as JSON (an array; empty when it applied).</summary>
    public required string Errors { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
