namespace ReturningAi.Webhooks.Consumers;

public sealed class OrderStatusChangedConsumerDefinition() : BusEventConsumerDefinition<OrderStatusChangedConsumer>("webhooks-order-status-changed");
