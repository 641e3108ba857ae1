namespace ReturningAi.Webhooks.Consumers;

public sealed class JobCompletedConsumerDefinition() : BusEventConsumerDefinition<JobCompletedConsumer>("webhooks-job-completed");
