using ReturningAi.Rewards.Access;
using ReturningAi.Rewards.Pricing;

namespace ReturningAi.Rewards.Purchases;

/// <summary>
/// The terms of one purchase once access is decided (rules 8 and 9 of rewards.md §4): some grant must have
/// room in its limit, and the price is the lowest that applies to the grants with room; an
/// <c>expectedPrice</c> sent must equal it. Product access off: no limits, no special prices.
/// </summary>
public static class PurchaseTerms
{
    public static (PriceQuote? Quote, PurchaseRefusal? Refusal) Decide(
        AccessDecision access, ProductPricing pricing, IReadOnlyCollection<DateTimeOffset> orderTimes, decimal? expectedPrice, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (!access.MayBuy) return (null, access.Outcome == AccessOutcome.ViewOnly ? PurchaseRefusals.ViewOnly : PurchaseRefusals.NotEligible);

        var withRoom = PurchaseLimits.WithRoom(access.Grants, orderTimes, now);
        if (access.Outcome == AccessOutcome.Granted && withRoom.Count == 0) return (null, PurchaseRefusals.LimitReached);

        var quote = PriceRules.Quote(pricing, withRoom, now);
        return expectedPrice is { } expected && expected != quote.Price ? (null, PurchaseRefusals.PriceChanged) : (quote, null);
    }
}
