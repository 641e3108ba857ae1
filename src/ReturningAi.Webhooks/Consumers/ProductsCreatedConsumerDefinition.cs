namespace ReturningAi.Webhooks.Consumers;

public sealed class ProductsCreatedConsumerDefinition() : BusEventConsumerDefinition<ProductsCreatedConsumer>("webhooks-products-created");
