using MassTransit;
using ReturningAi.Contracts.Events;
using ReturningAi.Webhooks.Events;

namespace ReturningAi.Webhooks.Consumers;

/// <summary>
/// REDEMPTION_EVENTS.ORDER_STATUS_CHANGED becomes <c>redemption.order_status_changed</c> (events-and-jobs.md §1.4), statuses
/// by name; the store's note, refund and key stay inside.
/// </summary>
public sealed class OrderStatusChangedConsumer(EventRecorder events) : IConsumer<OrderStatusChanged>
{
    public Task Consume(ConsumeContext<OrderStatusChanged> context)
    {
        var message = context.Message;
        return events.RecordAsync(context, message.CommunityId, EventTypes.OrderStatusChanged, new
        {
            orderID = message.OrderId,
            productID = message.ProductId,
            userID = message.UserId,
            previousStatus = message.PreviousStatus,
            status = message.Status,
            changedAt = message.ChangedAt,
        }, message.EventId);
    }
}
