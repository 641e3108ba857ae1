namespace ReturningAi.Rewards.Pricing;

/// <summary>The price a buyer pays and its <see cref="PriceSources">source</see>.</summary>
public sealed record PriceQuote(decimal Price, string Source);
