namespace ReturningAi.Webhooks.Consumers;

public sealed class ItemPurchasedConsumerDefinition() : BusEventConsumerDefinition<ItemPurchasedConsumer>("webhooks-item-purchased");
