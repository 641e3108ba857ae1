namespace ReturningAi.Rewards.Pricing;

/// <summary>Where an order's price came from (<c>priceSource</c>).</summary>
public static class PriceSources
{
    public const string Regular = "regular";
    public const string Discount = "discount";
    public const string Special = "special";
}
