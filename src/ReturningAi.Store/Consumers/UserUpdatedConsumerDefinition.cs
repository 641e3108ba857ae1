using MassTransit;

namespace ReturningAi.Store.Consumers;

public sealed class UserUpdatedConsumerDefinition : ConsumerDefinition<UserUpdatedConsumer>
{
    public UserUpdatedConsumerDefinition() => EndpointName = "store-user-updated";

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<UserUpdatedConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(retry => retry.Intervals(200, 1000, 5000));
}
