namespace ReturningAi.Webhooks.Consumers;

public sealed class UserJoinedConsumerDefinition() : BusEventConsumerDefinition<UserJoinedConsumer>("webhooks-user-joined");
