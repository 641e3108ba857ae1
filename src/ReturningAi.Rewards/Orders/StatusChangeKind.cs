namespace ReturningAi.Rewards.Orders;

public enum StatusChangeKind
{
    /// <summary>The order is in that status already: 200, nothing written (so a retried refund succeeds).</summary>
    Unchanged,

    /// <summary>The order was refunded, and refunds are final: 409 <c>order_refunded</c>.</summary>
    Refused,

    /// <summary>The status changes, with a history entry and an event.</summary>
    Moved,

    /// <summary>The status changes to one that refunds: also the credit, the voucher back, <c>refundedAt</c>.</summary>
    Refunded,
}
