using MassTransit;
using ReturningAi.Contracts.Commands;
using ReturningAi.Contracts.Events;
using ReturningAi.Products;
using ReturningAi.Store.Products;

namespace ReturningAi.Store.Consumers;

/// <summary>Carries out <c>PRODUCT_EVENTS.CREATE_PRODUCTS</c>, replies on the request, and announces the products once committed.</summary>
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
        await replies.RespondAsync<CreateProductsSucceeded>(context, command.CommunityId, command.DryRun ? null : command.Idempotency, async completeKey =>
        {
            outcome = await creator.CreateAsync(command.CommunityId, command.Products, isBulk: true, command.DryRun,
                context.MessageId, context.CancellationToken, mayBeRepeat: context.ReceiveContext.Redelivered, beforeCommit: completeKey);
            return (outcome.Succeeded, outcome.Rejected);
        });

        if (outcome is { Succeeded: { DryRun: false } succeeded, Replayed: false })
        {
            var vouchers = command.Products.Sum(p => (long)p.Vouchers.Count);
            logger.LogInformation("Created {ProductCount} products with {VoucherCount} vouchers for community {CommunityId}",
                succeeded.Products.Count, vouchers, command.CommunityId);
            await BrokerPatience.SendWithinLimitAsync(context.Publish(new ProductsCreated(command.CommunityId,
                [.. succeeded.Products.Select(p => p.Id!)], (int)vouchers, command.RequestId)), logger, ProductsCreated.EntityName);
        }
    }
}
