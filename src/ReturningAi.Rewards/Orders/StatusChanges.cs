namespace ReturningAi.Rewards.Orders;

/// <summary>
/// What moving an order to a status does (rewards.md §5, Status change). The current status again is
/// checked first, so that a retried refund answers 200; a refunded order moved anywhere else is refused.
/// </summary>
public static class StatusChanges
{
    public static StatusChangeKind Decide(string currentStatusId, bool isRefunded, string targetStatusId, bool targetRefundsPoints)
    {
        if (string.Equals(currentStatusId, targetStatusId, StringComparison.Ordinal)) return StatusChangeKind.Unchanged;
        if (isRefunded) return StatusChangeKind.Refused;
        return targetRefundsPoints ? StatusChangeKind.Refunded : StatusChangeKind.Moved;
    }
}
