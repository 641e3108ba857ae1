using MassTransit;
using ReturningAi.Contracts.Events;
using ReturningAi.Webhooks.Events;

namespace ReturningAi.Webhooks.Consumers;

/// <summary>PRODUCT_EVENTS.PRODUCTS_CREATED becomes <c>store.products_created</c>: <c>count</c>, <c>products [{_id, name, category}]</c>, <c>jobID</c>.</summary>
public sealed class ProductsCreatedConsumer(EventRecorder events) : IConsumer<ProductsCreated>
{
    public Task Consume(ConsumeContext<ProductsCreated> context)
    {
        var message = context.Message;
        var products = message.Products?.Select(p => new { _id = p.Id, name = (string?)p.Name, category = (string?)p.Category })
            ?? message.ProductIds.Select(id => new { _id = id, name = (string?)null, category = (string?)null });
        return events.RecordAsync(context, message.CommunityId, EventTypes.ProductsCreated,
            new { count = message.ProductIds.Count, products, jobID = message.JobId });
    }
}
