using MassTransit;
using ReturningAi.Contracts.Events;
using ReturningAi.Webhooks.Events;

namespace ReturningAi.Webhooks.Consumers;

/// <summary>
/// STORE_EVENTS.ITEM_PURCHASED becomes <c>store.item_purchased</c> (events-and-jobs.md §1.4), the voucher code included:
/// fulfilment is the event's use. The store's own fields (<c>orderNumber</c>, <c>priceSource</c>, <c>apiKeyID</c>) stay inside.
/// </summary>
public sealed class ItemPurchasedConsumer(EventRecorder events) : IConsumer<ItemPurchased>
{
    public Task Consume(ConsumeContext<ItemPurchased> context)
    {
        var message = context.Message;
        return events.RecordAsync(context, message.CommunityId, EventTypes.ItemPurchased, new
        {
            orderID = message.OrderId,
            product = new { _id = message.Product.Id, name = message.Product.Name, category = message.Product.Category },
            user = new { _id = message.User.Id, email = message.User.Email, username = message.User.Username },
            quantity = message.Quantity,
            pricePaid = message.PricePaid,
            currencyName = message.CurrencyName,
            voucher = message.Voucher is { } voucher ? new { code = voucher.Code, expiresAt = voucher.ExpiresAt } : null,
            status = message.Status,
            userInformation = message.UserInformation is { } information
                ? new { name = information.Name, phone = information.Phone, address = information.Address }
                : null,
            purchasedAt = message.PurchasedAt,
        }, message.EventId);
    }
}
