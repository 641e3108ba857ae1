using MassTransit;

namespace ReturningAi.Webhooks.Consumers;

public sealed class ProductsCreatedConsumerDefinition : ConsumerDefinition<ProductsCreatedConsumer>
{
    // Named for this service: the event reaches each consuming service's own queue.
    public ProductsCreatedConsumerDefinition() => EndpointName = "webhooks-products-created";

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ProductsCreatedConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(retry => retry.Intervals(200, 1000, 5000, 15000));
}
