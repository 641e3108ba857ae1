namespace ReturningAi.Store.Model;

/// <summary>
/// One voucher code of a product; the key (product, code) carries the no-duplicates invariant. <see cref="Id"/>
/// is the order the vouchers were added in (an identity, so COPY fills it), <see cref="OrderId"/> the order
/// that bought it: a unique index keeps a voucher in at most one order.
/// </summary>
public sealed class Voucher
{
    public long Id { get; init; }
    public required string ProductId { get; init; }
    public required string Code { get; init; }
    public required string CommunityId { get; init; }
    public DateTimeOffset ExpireDate { get; init; }
    public string? OrderId { get; set; }
}
