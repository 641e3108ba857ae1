using MassTransit;
using ReturningAi.Contracts.Jobs;

namespace ReturningAi.Community.Consumers;

public sealed class CheckUserColumnsConsumerDefinition : ConsumerDefinition<CheckUserColumnsConsumer>
{
    public CheckUserColumnsConsumerDefinition() => EndpointName = CheckUserColumns.EntityName;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<CheckUserColumnsConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.ConfigureConsumeTopology = false;
}
