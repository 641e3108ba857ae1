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
        // Small commands run side by side; LargeCommandGate keeps large imports to one at a time.
        ConcurrentMessageLimit = 16;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<CreateProductsConsumer> consumerConfigurator, IRegistrationContext context)
    {
        // Commands are sent to this queue; binding the message exchange too would bind the exchange to itself.
        endpointConfigurator.ConfigureConsumeTopology = false;
        endpointConfigurator.UseMessageRetry(CommandRetry.Configure);
    }
}
