namespace ReturningAi.Store.Model;

/// <summary>
/// A user's balance in the store's currency. Only ledger entries change it, in their transaction; a check
/// constraint keeps it at 0 or more. <see cref="UpdatedAt"/> is null until the first entry.
/// </summary>
public sealed class Wallet
{
    public required string UserId { get; init; }
    public required string CommunityId { get; init; }
    public decimal Balance { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}
