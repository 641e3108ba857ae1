namespace ReturningAi.Contracts.Store;

public sealed record CategoryPurchaseLimit(bool IsEnabled, int Quantity, int IntervalCount, string IntervalUnit)
{
    public static CategoryPurchaseLimit Default { get; } = new(false, 1, 1, "months");
}
