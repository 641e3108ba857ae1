using MassTransit;
using ReturningAi.Contracts.Events;

namespace ReturningAi.Community.Apis;

/// <summary>
/// Tells the store (and whoever else listens) that a role, tag or user changed, after the change is
/// committed. Without an outbox (MassTransit's EF outbox is not in our package registry) an event is
/// lost if the broker is down at that moment; the versioned events let a later change repair it.
/// </summary>
public sealed class ReferenceDataPublisher(IPublishEndpoint publisher, ILogger<ReferenceDataPublisher> logger)
{
    public async Task PublishAsync(ReferenceDataChanged change)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            // WaitAsync: while the bus reconnects, a publish can outwait its token; the request must not.
            await publisher.Publish(change, timeout.Token).WaitAsync(timeout.Token);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            logger.LogError(exception, "Could not publish the change of {Kind} {Id} (version {Version})", change.Kind, change.Id, change.Version);
        }
    }
}
