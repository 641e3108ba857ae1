using MassTransit;
using ReturningAi.Contracts.Events;
using ReturningAi.Webhooks.Events;

namespace ReturningAi.Webhooks.Consumers;

/// <summary>
/// COMMUNITY_EVENTS.USER_JOINED becomes <c>community.user_joined</c> (events-and-jobs.md §1.4): the user, its roles and tags
/// as <c>[{_id, name}]</c>, how it came and when. Custom field values stay inside: the contract's data names none.
/// </summary>
public sealed class UserJoinedConsumer(EventRecorder events) : IConsumer<UserJoined>
{
    public Task Consume(ConsumeContext<UserJoined> context)
    {
        var message = context.Message;
        return events.RecordAsync(context, message.CommunityId, EventTypes.UserJoined, new
        {
            user = new { _id = message.UserId, email = message.Email, username = message.Username },
            roles = message.Roles.Select(r => new { _id = r.Id, name = r.Name }),
            tags = message.Tags.Select(t => new { _id = t.Id, name = t.Name }),
            source = message.Source,
            joinedAt = message.JoinedAt,
        });
    }
}
