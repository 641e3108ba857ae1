using ReturningAi.Rewards.Access;

namespace ReturningAi.Rewards.Pricing;

/// <summary>
/// The price that applies (rewards.md §4, Price): the lowest of the regular price, the discount price while
/// its window is open (start ≤ now &lt; end; a missing bound is open), and the special price of each grant
/// with room that enables one, so that a VIP never pays more during a sale. On a tie the source is the first
/// of discount, special, regular.
/// </summary>
public static class PriceRules
{
    public static PriceQuote Quote(ProductPricing product, IReadOnlyList<AccessEntry> grantsWithRoom, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(product);
        ArgumentNullException.ThrowIfNull(grantsWithRoom);

        var best = new PriceQuote(product.Price, PriceSources.Regular);
        foreach (var special in grantsWithRoom.Where(g => g.PurchaseAccess.IsSpecialPriceEnabled).Select(g => g.PurchaseAccess.SpecialPrice))
        {
            if (special <= best.Price) best = new PriceQuote(special, PriceSources.Special);
        }

        if (IsDiscountOpen(product, now) && product.DiscountPrice <= best.Price) best = new PriceQuote(product.DiscountPrice, PriceSources.Discount);
        return best;
    }

    public static bool IsDiscountOpen(ProductPricing product, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(product);
        return product.IsDiscountEnabled
            && (product.DiscountStartDate is not { } start || start <= now)
            && (product.DiscountEndDate is not { } end || now < end);
    }
}
