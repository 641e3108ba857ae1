namespace ReturningAi.Contracts.Products;

public sealed record PurchaseAccess(decimal SpecialPrice, bool IsSpecialPriceEnabled)
{
    public static PurchaseAccess Default { get; } = new(0, false);
}
