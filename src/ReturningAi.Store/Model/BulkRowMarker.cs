namespace ReturningAi.Store.Model;

/// <summary>
/// The recorded outcome of one row of a currency job, written in the transaction of its ledger entry, or of one product
/// of a products job (<see cref="Row"/> its position in the job), written with the products: its key <c>(JobId, Row)</c>
/// makes a row sent again answer this result instead of writing a second entry.
/// </summary>
public sealed class BulkRowMarker
{
    public required string JobId { get; init; }
    public required int Row { get; init; }
    public required string CommunityId { get; init; }
    public required string Status { get; init; }
    public string? UserId { get; init; }

    /// <summary>The ledger entry the row wrote (<c>transactionID</c>), and the balance after it.</summary>
    public string? TransactionId { get; init; }

    public decimal? Balance { get; init; }

    /// <summary>The product a products job created from this one.</summary>
    public string? ProductId { get; init; }

    /// <summary>The row's error items as JSON (an array; empty when it applied).</summary>
    public required string Errors { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
