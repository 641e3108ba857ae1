using MassTransit;
using ReturningAi.Contracts.Commands;

namespace ReturningAi.Store.Consumers;

/// <summary>The queue carries the command's documented name; store instances compete on it.</summary>
public sealed class UpdatePurchaseHistoryConsumerDefinition : ConsumerDefinition<UpdatePurchaseHistoryConsumer>
{
    public UpdatePurchaseHistoryConsumerDefinition()
    {
        EndpointName = UpdatePurchaseHistory.EntityName;
        ConcurrentMessageLimit = 8;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<UpdatePurchaseHistoryConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.ConfigureConsumeTopology = false;
        endpointConfigurator.UseMessageRetry(CommandRetry.Configure);
    }
}
