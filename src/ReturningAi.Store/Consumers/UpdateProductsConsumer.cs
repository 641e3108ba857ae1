using System.Text.Json;
using MassTransit;
using ReturningAi.Contracts.Commands;
using ReturningAi.Products;
using ReturningAi.Store.Products;

namespace ReturningAi.Store.Consumers;

/// <summary>
/// Carries out <c>PRODUCT_EVENTS.UPDATE_PRODUCTS</c>: the same partial update as the single PUT, for up to 100
/// products at once. Handled once per message id by <c>handled_commands</c>, in the transaction of the update.
/// </summary>
public sealed class UpdateProductsConsumer(ProductUpdater updater, IdempotentReplies replies, ILogger<UpdateProductsConsumer> logger) : IConsumer<UpdateProducts>
{
    public async Task Consume(ConsumeContext<UpdateProducts> context)
    {
        var command = context.Message;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = command.RequestId });
        if (await replies.DropIfExpiredAsync(context, command.CommunityId, command.Idempotency, UpdateProducts.EntityName)) return;

        var documents = command.Items.Select(i => JsonDocument.Parse(i.FieldsJson)).ToList();
        try
        {
            var updates = command.Items.Select((item, i) => new ProductUpdate(item.Id, documents[i].RootElement, item.MergeNested)).ToList();
            await replies.RespondAsync<UpdateProductsSucceeded>(context, command.CommunityId, command.Idempotency, async () =>
            {
                var (products, status, message, errors) = await updater.UpdateAsync(command.CommunityId, updates, isBulk: true, context.CancellationToken,
                    context.MessageId);
                return products is null
                    ? ((UpdateProductsSucceeded?)null, new CommandRejected(status, message, ProductErrors.Capped(errors)))
                    : (new UpdateProductsSucceeded(products), null);
            });
        }
        finally
        {
            documents.ForEach(d => d.Dispose());
        }
    }
}
