using MassTransit;
using ReturningAi.Contracts.Commands;

namespace ReturningAi.Store.Consumers;

/// <summary>
/// The queue (and its exchange) carry the command's name from the product page, so an operator
/// finds it by that name. Store instances compete on it.
/// </summary>
public sealed class CreateProductsConsumerDefinition : ConsumerDefinition<CreateProductsConsumer>
{
    public CreateProductsConsumerDefinition()
    {
        EndpointName = CreateProducts.EntityName;
        // A large import holds about a million vouchers in memory; two at a time per instance bounds it.
        ConcurrentMessageLimit = 2;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<CreateProductsConsumer> consumerConfigurator, IRegistrationContext context)
    {
        // Commands are sent to this queue; binding the message exchange too would bind the exchange to itself.
        endpointConfigurator.ConfigureConsumeTopology = false;
        endpointConfigurator.UseMessageRetry(retry => retry.Intervals(200, 1000, 3000));
    }
}
