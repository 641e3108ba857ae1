using MassTransit;
using ReturningAi.Contracts.Events;
using ReturningAi.Gateway.Authentication;

namespace ReturningAi.Gateway.Consumers;

/// <summary>
/// Drops a changed or revoked key from this instance's cache, so the change holds within a second.
/// Idempotent by construction, so no inbox: evicting a key twice leaves the cache as evicting it once.
/// </summary>
public sealed class ApiKeyChangedConsumer(ApiKeyCache cache) : IConsumer<ApiKeyChanged>
{
    public Task Consume(ConsumeContext<ApiKeyChanged> context)
    {
        cache.Evict(context.Message.KeyId);
        return Task.CompletedTask;
    }
}
