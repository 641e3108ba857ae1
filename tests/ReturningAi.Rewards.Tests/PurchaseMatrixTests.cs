using ReturningAi.Rewards.Access;
using ReturningAi.Rewards.Pricing;
using ReturningAi.Rewards.Purchases;
using static ReturningAi.Rewards.Tests.Entries;

namespace ReturningAi.Rewards.Tests;

/// <summary>
/// rewards.md §9.9: price, <c>priceSource</c> or refusal over discount before / inside / after its window ×
/// special price on / off × the buyer matching a full-access entry, only a view-only one, or none × product
/// access on / off. Price 100, discount 90, special 80 (below the discount) or 95 (above it).
/// </summary>
public sealed class PurchaseMatrixTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, bool, string, bool, decimal, string> Cases()
    {
        var data = new TheoryData<string, bool, string, bool, decimal, string>();
        foreach (var window in new[] { "before", "inside", "after" })
        foreach (var special in new[] { true, false })
        foreach (var level in new[] { "full-access", "view-only", "none" })
        foreach (var access in new[] { true, false })
        foreach (var specialPrice in new[] { 80m, 95m })
        {
            data.Add(window, special, level, access, specialPrice, Expected(window, special, level, access, specialPrice));
        }

        return data;
    }

    // The table, written out: what the contract says each cell answers.
    private static string Expected(string window, bool special, string level, bool access, decimal specialPrice)
    {
        var discountOpen = window == "inside";
        if (!access) return discountOpen ? "90 discount" : "100 regular";
        if (level == "none") return "not_eligible";
        if (level == "view-only") return "view_only";
        if (!special) return discountOpen ? "90 discount" : "100 regular";
        if (specialPrice == 80m) return "80 special";
        return discountOpen ? "90 discount" : "95 special";
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_cell_answers_its_price_or_refusal(string window, bool special, string level, bool access, decimal specialPrice, string expected)
    {
        var (start, end) = window switch
        {
            "before" => (Now.AddDays(1), Now.AddDays(2)),
            "inside" => (Now.AddDays(-1), Now.AddDays(1)),
            _ => (Now.AddDays(-2), Now.AddDays(-1)),
        };
        var pricing = new ProductPricing(100, 90, true, start, end);
        var buyer = Buyer(roles: [Vip]);
        var entry = Role(level == "none" ? Staff : Vip).Special(specialPrice, special);
        if (level == "view-only") entry = entry.ViewOnly();

        var decision = ProductAccess.Decide(access, [entry], buyer);
        var (quote, refusal) = PurchaseTerms.Decide(decision, pricing, [], expectedPrice: null, Now);

        Assert.Equal(expected, refusal?.Code ?? $"{quote!.Price} {quote.Source}");
    }

    [Fact]
    public void The_matrix_has_every_cell()
    {
        Assert.Equal(3 * 2 * 3 * 2 * 2, Cases().Count);
    }

    [Fact]
    public void A_grant_without_room_gives_no_special_price_and_no_grant_with_room_refuses()
    {
        var pricing = new ProductPricing(100, 90, false, null, null);
        var limited = Role(Vip).Special(50).Limit(1, 1, "days");
        var open = Tag(Early).Special(70);
        DateTimeOffset[] bought = [Now.AddHours(-1)];

        var both = ProductAccess.Decide(true, [limited, open], Buyer(roles: [Vip], tags: [Early]));
        Assert.Equal(new PriceQuote(70, PriceSources.Special), PurchaseTerms.Decide(both, pricing, bought, null, Now).Quote);
        Assert.Equal(new PriceQuote(50, PriceSources.Special), PurchaseTerms.Decide(both, pricing, [], null, Now).Quote);

        var onlyLimited = ProductAccess.Decide(true, [limited], Buyer(roles: [Vip]));
        Assert.Equal("purchase_limit_reached", PurchaseTerms.Decide(onlyLimited, pricing, bought, null, Now).Refusal?.Code);
    }

    [Fact]
    public void Access_off_ignores_limits()
    {
        var decision = ProductAccess.Decide(false, [Role(Vip).Limit(1, 1, "days")], Buyer(roles: [Vip]));

        Assert.NotNull(PurchaseTerms.Decide(decision, new ProductPricing(10, 0, false, null, null), [Now, Now, Now], null, Now).Quote);
    }

    [Fact]
    public void An_expected_price_must_equal_the_price_that_applies()
    {
        var decision = ProductAccess.Decide(false, [], Buyer());
        var pricing = new ProductPricing(100, 90, true, null, null);

        Assert.Equal("price_changed", PurchaseTerms.Decide(decision, pricing, [], 100, Now).Refusal?.Code);
        Assert.Equal(new PriceQuote(90, PriceSources.Discount), PurchaseTerms.Decide(decision, pricing, [], 90.00m, Now).Quote);
    }

    [Fact]
    public void The_limit_is_judged_before_the_expected_price()
    {
        var decision = ProductAccess.Decide(true, [Role(Vip).Limit(1, 1, "days")], Buyer(roles: [Vip]));

        Assert.Equal("purchase_limit_reached",
            PurchaseTerms.Decide(decision, new ProductPricing(10, 0, false, null, null), [Now.AddMinutes(-1)], 999, Now).Refusal?.Code);
    }
}
