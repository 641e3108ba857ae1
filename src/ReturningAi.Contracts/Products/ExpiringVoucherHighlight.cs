namespace ReturningAi.Contracts.Products;

public sealed record ExpiringVoucherHighlight(bool IsEnabled, int Duration, string Timeframe)
{
    public static ExpiringVoucherHighlight Default { get; } = new(false, 7, "days");
}
