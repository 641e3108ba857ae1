using MassTransit;
using ReturningAi.Store.Consumers;

namespace ReturningAi.Store.Orders;

/// <summary>
/// The events of a unit of work of the rewards (rewards.md §8): added beside the changes they report, and
/// published once those have committed; none for a refusal, a no-op or a replay.
/// </summary>
public sealed class RewardEvents(IPublishEndpoint publisher, ILogger<RewardEvents> logger)
{
    private readonly List<object> _pending = [];

    public void Add(object message) => _pending.Add(message);

    /// <summary>The work was undone: its events go with it.</summary>
    public void Discard() => _pending.Clear();

    public async Task PublishCommittedAsync()
    {
        var messages = _pending.ToList();
        _pending.Clear();
        foreach (var message in messages)
        {
            await BrokerPatience.SendWithinLimitAsync(publisher.Publish(message, message.GetType()), logger, "event");
        }
    }
}
