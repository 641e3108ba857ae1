using MassTransit;
using ReturningAi.Contracts.Commands;

namespace ReturningAi.Store.Consumers;

/// <summary>Like the create: the queue carries the command's name, and store instances compete on it.</summary>
public sealed class UpdateProductsConsumerDefinition : ConsumerDefinition<UpdateProductsConsumer>
{
    public UpdateProductsConsumerDefinition()
    {
        EndpointName = UpdateProducts.EntityName;
        ConcurrentMessageLimit = 4;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<UpdateProductsConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.ConfigureConsumeTopology = false;
        endpointConfigurator.UseMessageRetry(CommandRetry.Configure);
    }
}
