using ReturningAi.Rewards.Pricing;
using static ReturningAi.Rewards.Tests.Entries;

namespace ReturningAi.Rewards.Tests;

public sealed class PriceRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static ProductPricing Pricing(decimal price = 100, decimal discount = 90, bool enabled = true, DateTimeOffset? start = null, DateTimeOffset? end = null) =>
        new(price, discount, enabled, start, end);

    [Fact]
    public void Without_discount_or_special_the_regular_price_applies()
    {
        Assert.Equal(new PriceQuote(100, PriceSources.Regular), PriceRules.Quote(Pricing(enabled: false), [], Now));
    }

    [Fact]
    public void The_discount_window_includes_its_start_and_excludes_its_end()
    {
        Assert.True(PriceRules.IsDiscountOpen(Pricing(start: Now, end: Now.AddDays(1)), Now));
        Assert.False(PriceRules.IsDiscountOpen(Pricing(start: Now.AddDays(-1), end: Now), Now));
        Assert.False(PriceRules.IsDiscountOpen(Pricing(start: Now.AddTicks(1)), Now));
        Assert.True(PriceRules.IsDiscountOpen(Pricing(), Now));
        Assert.False(PriceRules.IsDiscountOpen(Pricing(enabled: false), Now));
    }

    [Fact]
    public void The_lowest_applicable_price_wins()
    {
        Assert.Equal(new PriceQuote(80, PriceSources.Special), PriceRules.Quote(Pricing(), [Role(Vip).Special(80)], Now));
        Assert.Equal(new PriceQuote(90, PriceSources.Discount), PriceRules.Quote(Pricing(), [Role(Vip).Special(95)], Now));
        Assert.Equal(new PriceQuote(100, PriceSources.Regular), PriceRules.Quote(Pricing(enabled: false), [Role(Vip).Special(120)], Now));
    }

    [Fact]
    public void The_lowest_special_of_several_grants_applies()
    {
        Assert.Equal(new PriceQuote(60, PriceSources.Special),
            PriceRules.Quote(Pricing(enabled: false), [Role(Vip).Special(85), Tag(Early).Special(60), User(Alex).Special(10, enabled: false)], Now));
    }

    [Fact]
    public void A_disabled_special_price_does_not_apply()
    {
        Assert.Equal(new PriceQuote(100, PriceSources.Regular), PriceRules.Quote(Pricing(enabled: false), [Role(Vip).Special(1, enabled: false)], Now));
    }

    [Fact]
    public void On_a_tie_discount_comes_before_special_and_special_before_regular()
    {
        Assert.Equal(new PriceQuote(90, PriceSources.Discount), PriceRules.Quote(Pricing(), [Role(Vip).Special(90)], Now));
        Assert.Equal(new PriceQuote(100, PriceSources.Special), PriceRules.Quote(Pricing(enabled: false), [Role(Vip).Special(100)], Now));
        Assert.Equal(new PriceQuote(100, PriceSources.Discount), PriceRules.Quote(Pricing(discount: 100), [], Now));
    }

    [Fact]
    public void A_free_special_price_makes_the_product_free()
    {
        Assert.Equal(new PriceQuote(0, PriceSources.Special), PriceRules.Quote(Pricing(), [Role(Vip).Special(0)], Now));
    }
}
