using MassTransit;
using ReturningAi.Contracts.Commands;
using ReturningAi.Products;
using ReturningAi.Store.Products;

namespace ReturningAi.Store.Consumers;

/// <summary>
/// Carries out <c>PRODUCT_EVENTS.CREATE_PRODUCTS</c> and replies on the request; the products are announced
/// by <c>PRODUCT_EVENTS.PRODUCTS_CREATED</c>, written with them (<see cref="ProductCreator"/>). Handled once per
/// message id by <c>handled_commands</c>, in the transaction of the products, which also keeps the reply.
/// </summary>
public sealed class CreateProductsConsumer(ProductCreator creator, IdempotentReplies replies, LargeCommandGate gate, ILogger<CreateProductsConsumer> logger)
    : IConsumer<CreateProducts>
{
    public async Task Consume(ConsumeContext<CreateProducts> context)
    {
        var command = context.Message;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = command.RequestId });
        if (await replies.DropIfExpiredAsync(context, command.CommunityId, command.DryRun ? null : command.Idempotency, CreateProducts.EntityName)) return;

        using var large = await gate.EnterAsync(ProductRules.WorkItems(command.Products), context.CancellationToken);
        CreateOutcome? outcome = null;
        await replies.RespondAsync<CreateProductsSucceeded>(context, command.CommunityId, command.DryRun ? null : command.Idempotency, async () =>
        {
            outcome = await creator.CreateAsync(command.CommunityId, command.Products, isBulk: true, command.DryRun,
                context.MessageId, command.RequestId, context.CancellationToken, mayBeRepeat: context.ReceiveContext.Redelivered);
            return (outcome.Succeeded, outcome.Rejected);
        });

        if (outcome is { Succeeded: { DryRun: false } succeeded, Replayed: false })
        {
            var vouchers = command.Products.Sum(p => (long)p.Vouchers.Count);
            logger.LogInformation("Created {ProductCount} products with {VoucherCount} vouchers for community {CommunityId}",
                succeeded.Products.Count, vouchers, command.CommunityId);
        }
    }
}
