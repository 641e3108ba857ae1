using MassTransit;
using ReturningAi.Contracts.Jobs;

namespace ReturningAi.Store.Consumers;

/// <summary>The command's queue carries its name; Store instances compete on it.</summary>
public sealed class ApplyProductJobConsumerDefinition : ConsumerDefinition<ApplyProductJobConsumer>
{
    public ApplyProductJobConsumerDefinition()
    {
        EndpointName = ApplyProductJob.EntityName;
        ConcurrentMessageLimit = 2;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ApplyProductJobConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.ConfigureConsumeTopology = false;
        endpointConfigurator.UseMessageRetry(retry => retry.Intervals(200, 1_000, 3_000));
    }
}
