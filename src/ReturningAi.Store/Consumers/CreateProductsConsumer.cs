using MassTransit;
using ReturningAi.Contracts.Commands;
using ReturningAi.Contracts.Events;
using ReturningAi.Store.Products;

namespace ReturningAi.Store.Consumers;

/// <summary>Carries out <c>PRODUCT_EVENTS.CREATE_PRODUCTS</c>, replies on the request, and announces the products once committed.</summary>
public sealed class CreateProductsConsumer(ProductCreator creator, ILogger<CreateProductsConsumer> logger) : IConsumer<CreateProducts>
{
    public async Task Consume(ConsumeContext<CreateProducts> context)
    {
        var command = context.Message;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = command.RequestId });
        if (context.ExpirationTime is { } expires && expires < DateTime.UtcNow)
        {
            // The gateway has already answered 502: creating the products now would surprise the partner.
            logger.LogWarning("Dropped an expired bulk create of {Count} products", command.Products.Count);
            return;
        }

        var outcome = await creator.CreateAsync(command.CommunityId, command.Products, isBulk: true, command.DryRun,
            context.MessageId, context.CancellationToken);
        if (outcome.Rejected is { } rejected)
        {
            await context.RespondAsync(rejected);
            return;
        }

        var succeeded = outcome.Succeeded!;
        await context.RespondAsync(succeeded);
        if (!succeeded.DryRun && !outcome.Replayed)
        {
            await context.Publish(new ProductsCreated(command.CommunityId, [.. succeeded.Products.Select(p => p.Id!)],
                command.Products.Sum(p => p.Vouchers.Count), command.RequestId));
        }
    }
}
