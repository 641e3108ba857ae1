using System.Text.RegularExpressions;
using ReturningAi.Rewards.Orders;

namespace ReturningAi.Rewards.Tests;

public sealed class OrderRulesTests
{
    [Fact]
    public void An_order_number_is_ORD_the_utc_date_and_eight_upper_case_hex_characters()
    {
        var now = new DateTimeOffset(2026, 7, 1, 1, 30, 0, TimeSpan.FromHours(3)); // 2026-06-30 in UTC

        var number = OrderNumbers.New(now);

        Assert.Matches(new Regex("^ORD20260630[0-9A-F]{8}$"), number);
        Assert.True(OrderNumbers.IsOrderNumber(number));
        Assert.NotEqual(number, OrderNumbers.New(now));
    }

    [Theory]
    [InlineData("ORD20260630ABCDEF01", true)]
    [InlineData("ord20260630abcdef01", true)]
    [InlineData("ORD20261330ABCDEF01", false)]
    [InlineData("ORD2026063ABCDEF01", false)]
    [InlineData("ORD20260630ABCDEFG1", false)]
    [InlineData("XYZ20260630ABCDEF01", false)]
    [InlineData("6650a1b2c3d4e5f607182930", false)]
    [InlineData("", false)]
    public void Order_numbers_are_recognised_by_shape(string text, bool expected)
    {
        Assert.Equal(expected, OrderNumbers.IsOrderNumber(text));
    }

    [Fact]
    public void The_current_status_again_is_unchanged_even_for_a_refunded_order()
    {
        Assert.Equal(StatusChangeKind.Unchanged, StatusChanges.Decide("a", isRefunded: true, "a", targetRefundsPoints: true));
        Assert.Equal(StatusChangeKind.Unchanged, StatusChanges.Decide("a", isRefunded: false, "a", targetRefundsPoints: false));
    }

    [Fact]
    public void Refunds_are_final()
    {
        Assert.Equal(StatusChangeKind.Refused, StatusChanges.Decide("refunded", isRefunded: true, "delivered", targetRefundsPoints: false));
        Assert.Equal(StatusChangeKind.Refused, StatusChanges.Decide("refunded", isRefunded: true, "cancelled", targetRefundsPoints: true));
    }

    [Fact]
    public void Moving_to_a_refunding_status_refunds()
    {
        Assert.Equal(StatusChangeKind.Refunded, StatusChanges.Decide("pending", isRefunded: false, "cancelled", targetRefundsPoints: true));
        Assert.Equal(StatusChangeKind.Moved, StatusChanges.Decide("pending", isRefunded: false, "delivered", targetRefundsPoints: false));
    }

    [Theory]
    [InlineData("#3EA1FD", true)]
    [InlineData("#3ea1fd", true)]
    [InlineData("3EA1FD", false)]
    [InlineData("#3EA1F", false)]
    [InlineData("#3EA1FG", false)]
    [InlineData("#3EA1FD0", false)]
    public void Colours_are_hash_and_six_hex_digits(string color, bool expected)
    {
        Assert.Equal(expected, RedemptionStatusRules.IsColor(color));
    }
}
