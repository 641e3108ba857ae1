using MassTransit;

namespace ReturningAi.Gateway.Consumers;

/// <summary>
/// Every gateway instance must hear every key event, so each gets its own temporary queue
/// (auto-deleted when the instance stops) instead of competing on a shared one.
/// </summary>
public sealed class ApiKeyChangedConsumerDefinition : ConsumerDefinition<ApiKeyChangedConsumer>
{
    public ApiKeyChangedConsumerDefinition()
    {
        Endpoint(e =>
        {
            e.Name = $"gateway-api-key-changed-{Guid.NewGuid():N}";
            e.Temporary = true;
        });
    }
}
