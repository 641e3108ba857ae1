namespace ReturningAi.Rewards.Pricing;

/// <summary>The price fields of a product that decide what a buyer pays.</summary>
public sealed record ProductPricing(
    decimal Price,
    decimal DiscountPrice,
    bool IsDiscountEnabled,
    DateTimeOffset? DiscountStartDate,
    DateTimeOffset? DiscountEndDate);
