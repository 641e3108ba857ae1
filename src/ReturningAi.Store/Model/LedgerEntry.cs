namespace ReturningAi.Store.Model;

/// <summary>
/// One change of a wallet, immutable (a trigger refuses updates and deletes): the signed <see cref="Delta"/>
/// and the <see cref="Balance"/> after it. At most one purchase and one refund entry per order (a unique index), and at most
/// one entry per row of a currency job (<see cref="JobId"/>, <see cref="JobRow"/>: a unique index), which is that row's marker.
/// </summary>
public sealed class LedgerEntry
{
    public required string Id { get; init; }
    public required string CommunityId { get; init; }
    public required string UserId { get; init; }
    public required string Operation { get; init; }
    public decimal Amount { get; init; }
    public decimal Delta { get; init; }
    public decimal Balance { get; init; }
    public required string Reason { get; init; }
    public string? Reference { get; init; }
    public required string Source { get; init; }
    public string? OrderId { get; init; }
    public string? JobId { get; init; }

    /// <summary>The CSV row of the currency job <see cref="JobId"/> this entry applied; null for entries of no job row.</summary>
    public int? JobRow { get; init; }

    public string? ApiKeyId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
