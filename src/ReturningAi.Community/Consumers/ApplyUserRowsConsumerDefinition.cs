using MassTransit;
using ReturningAi.Contracts.Jobs;

namespace ReturningAi.Community.Consumers;

/// <summary>The command's queue carries its name; Community instances compete on it.</summary>
public sealed class ApplyUserRowsConsumerDefinition : ConsumerDefinition<ApplyUserRowsConsumer>
{
    public ApplyUserRowsConsumerDefinition()
    {
        EndpointName = ApplyUserRows.EntityName;
        ConcurrentMessageLimit = 4;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ApplyUserRowsConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.ConfigureConsumeTopology = false;
        endpointConfigurator.UseMessageRetry(retry => retry.Intervals(200, 1_000, 3_000));
    }
}
