using MassTransit;

namespace ReturningAi.Store.Consumers;

public sealed class ReferenceDataChangedConsumerDefinition : ConsumerDefinition<ReferenceDataChangedConsumer>
{
    // Named for this service: another service consuming the same event gets a queue of its own.
    public ReferenceDataChangedConsumerDefinition() => EndpointName = ReferenceDataChangedConsumer.InboxName;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ReferenceDataChangedConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(retry => retry.Intervals(200, 1000, 5000));
}
