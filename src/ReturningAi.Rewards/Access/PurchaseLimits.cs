using ReturningAi.Contracts.Products;

namespace ReturningAi.Rewards.Access;

/// <summary>
/// Purchase limits (rewards.md §4, Limit): a grant has room when its limit is off, or while the buyer's
/// non-refunded orders of the product created in the last <c>intervalCount</c> × <c>intervalUnit</c>
/// number fewer than <c>quantity</c>. Windows roll and use calendar arithmetic in UTC: one month before
/// 31 March is 28 (or 29) February, not 30 days.
/// </summary>
public static class PurchaseLimits
{
    /// <summary>The first instant of the window ending at <paramref name="now"/>; an order counts when created after it.</summary>
    public static DateTimeOffset WindowStart(PurchaseLimit limit, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(limit);
        var utc = now.ToUniversalTime();
        var count = Math.Max(limit.IntervalCount, 0);
        try
        {
            return limit.IntervalUnit switch
            {
                "days" => utc.AddDays(-count),
                "weeks" => utc.AddDays(-7.0 * count),
                "months" => utc.AddMonths(-count),
                "years" => utc.AddYears(-count),
                _ => throw new ArgumentException($"'{limit.IntervalUnit}' is not an interval unit.", nameof(limit)),
            };
        }
        catch (ArgumentOutOfRangeException)
        {
            return DateTimeOffset.MinValue; // a window reaching past year 1 holds every order
        }
    }

    /// <summary>
    /// What the store must read to judge every grant: the buyer's orders of the product created after
    /// <c>Since</c>, newest first, at most <c>Take</c> of them; null when no grant has a limit.
    /// </summary>
    public static (DateTimeOffset Since, int Take)? OrdersToRead(IReadOnlyList<AccessEntry> grants, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(grants);
        var limited = grants.Where(g => g.PurchaseLimit.IsPurchaseLimitEnabled).ToList();
        if (limited.Count == 0) return null;
        return (limited.Min(g => WindowStart(g.PurchaseLimit, now)), limited.Max(g => Math.Max(g.PurchaseLimit.Quantity, 0)));
    }

    /// <summary>
    /// Whether <paramref name="grant"/> has room, given the creation times of the buyer's non-refunded
    /// orders of the product (the newest ones at least, as <see cref="OrdersToRead"/> asks).
    /// </summary>
    public static bool HasRoom(AccessEntry grant, IReadOnlyCollection<DateTimeOffset> orderTimes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(orderTimes);
        var limit = grant.PurchaseLimit;
        if (!limit.IsPurchaseLimitEnabled) return true;
        var start = WindowStart(limit, now);
        return orderTimes.Count(t => t > start) < limit.Quantity;
    }

    /// <summary>The grants with room; none at all means 409 <c>purchase_limit_reached</c>.</summary>
    public static IReadOnlyList<AccessEntry> WithRoom(IReadOnlyList<AccessEntry> grants, IReadOnlyCollection<DateTimeOffset> orderTimes, DateTimeOffset now) =>
        [.. grants.Where(g => HasRoom(g, orderTimes, now))];
}
