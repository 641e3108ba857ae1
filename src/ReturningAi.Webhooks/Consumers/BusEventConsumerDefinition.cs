using MassTransit;

namespace ReturningAi.Webhooks.Consumers;

/// <summary>
/// A consumer of an owner's bus event on a queue named for this service (the event reaches each consuming service's own
/// queue), retried a few times before the message goes to the error queue.
/// </summary>
public abstract class BusEventConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected BusEventConsumerDefinition(string endpointName) => EndpointName = endpointName;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(retry => retry.Intervals(200, 1000, 5000, 15000));
}
