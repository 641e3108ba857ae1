namespace ReturningAi.Rewards.Requests;

/// <summary>
/// An edit of an order (rewards.md §6): its snapshot's redemption instructions, or its voucher (code and
/// expiry together), or both. <see cref="VoucherExpiryDate"/> is midnight UTC of the date sent.
/// </summary>
public sealed record PurchaseHistoryEdit(string? RedemptionInstructions, string? VoucherCode, DateTimeOffset? VoucherExpiryDate)
{
    public const int MaxInstructionsLength = 10_000;
    public const int MaxVoucherCodeLength = 512;
    public const string DateFormat = "dd/MM/yyyy";

    public bool ChangesVoucher => VoucherCode is not null;
}
