using ReturningAi.Contracts.Products;
using ReturningAi.Rewards.Access;
using static ReturningAi.Rewards.Tests.Entries;

namespace ReturningAi.Rewards.Tests;

public sealed class PurchaseLimitsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 31, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, "days", "2026-03-30T12:00:00Z")]
    [InlineData(2, "weeks", "2026-03-17T12:00:00Z")]
    [InlineData(1, "months", "2026-02-28T12:00:00Z")]
    [InlineData(13, "months", "2025-02-28T12:00:00Z")]
    [InlineData(1, "years", "2025-03-31T12:00:00Z")]
    public void Windows_use_calendar_arithmetic_in_utc(int count, string unit, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            PurchaseLimits.WindowStart(new PurchaseLimit(true, 1, count, unit), Now));
    }

    [Fact]
    public void A_month_before_the_last_of_march_in_a_leap_year_is_the_29th_of_february()
    {
        var now = new DateTimeOffset(2028, 3, 31, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2028, 2, 29, 0, 0, 0, TimeSpan.Zero), PurchaseLimits.WindowStart(new PurchaseLimit(true, 1, 1, "months"), now));
        Assert.Equal(new DateTimeOffset(2027, 2, 28, 0, 0, 0, TimeSpan.Zero),
            PurchaseLimits.WindowStart(new PurchaseLimit(true, 1, 1, "years"), new DateTimeOffset(2028, 2, 29, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Windows_are_reckoned_in_utc_whatever_the_offset_of_now()
    {
        var now = new DateTimeOffset(2026, 4, 1, 1, 0, 0, TimeSpan.FromHours(2)); // 2026-03-31T23:00Z

        Assert.Equal(new DateTimeOffset(2026, 2, 28, 23, 0, 0, TimeSpan.Zero), PurchaseLimits.WindowStart(new PurchaseLimit(true, 1, 1, "months"), now));
    }

    [Fact]
    public void A_window_reaching_before_year_one_holds_every_order()
    {
        Assert.Equal(DateTimeOffset.MinValue, PurchaseLimits.WindowStart(new PurchaseLimit(true, 1, int.MaxValue, "years"), Now));
        Assert.Equal(DateTimeOffset.MinValue, PurchaseLimits.WindowStart(new PurchaseLimit(true, 1, int.MaxValue, "days"), Now));
    }

    [Fact]
    public void A_grant_has_room_while_orders_in_its_window_number_fewer_than_its_quantity()
    {
        var grant = Role(Vip).Limit(2, 1, "weeks");
        DateTimeOffset[] one = [Now.AddDays(-1)];
        DateTimeOffset[] two = [Now.AddDays(-1), Now.AddDays(-6)];
        DateTimeOffset[] twoButOneOld = [Now.AddDays(-1), Now.AddDays(-8)];

        Assert.True(PurchaseLimits.HasRoom(grant, [], Now));
        Assert.True(PurchaseLimits.HasRoom(grant, one, Now));
        Assert.False(PurchaseLimits.HasRoom(grant, two, Now));
        Assert.True(PurchaseLimits.HasRoom(grant, twoButOneOld, Now));
    }

    [Fact]
    public void An_order_exactly_one_window_old_no_longer_counts()
    {
        var grant = Role(Vip).Limit(1, 1, "days");

        Assert.True(PurchaseLimits.HasRoom(grant, [Now.AddDays(-1)], Now));
        Assert.False(PurchaseLimits.HasRoom(grant, [Now.AddDays(-1).AddTicks(10)], Now));
    }

    [Fact]
    public void A_grant_without_a_limit_always_has_room()
    {
        Assert.True(PurchaseLimits.HasRoom(Role(Vip), [.. Enumerable.Repeat(Now, 1000)], Now));
    }

    [Fact]
    public void The_store_reads_the_widest_window_and_the_largest_quantity()
    {
        AccessEntry[] grants = [Role(Vip).Limit(3, 1, "days"), Tag(Early).Limit(5, 1, "months"), User(Alex)];

        var read = PurchaseLimits.OrdersToRead(grants, Now);

        Assert.Equal((Now.AddMonths(-1), 5), read);
        Assert.Null(PurchaseLimits.OrdersToRead([User(Alex)], Now));
    }

    [Fact]
    public void Reading_only_the_newest_orders_judges_every_grant_alike()
    {
        // A grant with room needs fewer than its quantity in its window, so the newest max(quantity) orders decide every grant.
        AccessEntry[] grants = [Role(Vip).Limit(2, 1, "days"), Tag(Early).Limit(4, 1, "years")];
        var all = Enumerable.Range(0, 40).Select(i => Now.AddHours(-9 * i)).ToList();
        var (since, take) = PurchaseLimits.OrdersToRead(grants, Now)!.Value;
        var newest = all.Where(t => t > since).OrderByDescending(t => t).Take(take).ToList();

        foreach (var grant in grants) Assert.Equal(PurchaseLimits.HasRoom(grant, all, Now), PurchaseLimits.HasRoom(grant, newest, Now));
    }
}
