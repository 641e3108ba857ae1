namespace ReturningAi.Store.Orders;

/// <summary>The outbox source of the rewards' events: one order, whose purchase, status changes and voucher edits keep their order.</summary>
public static class RewardEventSources
{
    public static string Order(string orderId) => $"order:{orderId}";
}
