namespace ReturningAi.Contracts.Products;

public sealed record PurchaseLimit(bool IsPurchaseLimitEnabled, int Quantity, int IntervalCount, string IntervalUnit)
{
    public static PurchaseLimit Default { get; } = new(false, 1, 1, "months");
}
