using MassTransit;
using ReturningAi.Contracts.Jobs;

namespace ReturningAi.Store.Consumers;

/// <summary>The command's queue carries its name; Store instances compete on it.</summary>
public sealed class ApplyCurrencyRowsConsumerDefinition : ConsumerDefinition<ApplyCurrencyRowsConsumer>
{
    public ApplyCurrencyRowsConsumerDefinition()
    {
        EndpointName = ApplyCurrencyRows.EntityName;
        ConcurrentMessageLimit = 4;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ApplyCurrencyRowsConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.ConfigureConsumeTopology = false;
        endpointConfigurator.UseMessageRetry(retry => retry.Intervals(200, 1_000, 3_000));
    }
}
