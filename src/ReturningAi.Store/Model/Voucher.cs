namespace ReturningAi.Store.Model;

/// <summary>One voucher code of a product; the key (product, code) carries the no-duplicates invariant.</summary>
public sealed class Voucher
{
    public required string ProductId { get; init; }
    public required string Code { get; init; }
    public required string CommunityId { get; init; }
    public DateTimeOffset ExpireDate { get; init; }
    public DateTimeOffset? RedeemedAt { get; set; }
}
