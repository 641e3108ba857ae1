using ReturningAi.Community.Infrastructure;
using ReturningAi.Contracts.Events;
using ReturningAi.Messaging;

namespace ReturningAi.Community.Apis;

/// <summary>
/// Tells the store (and whoever else listens) that a role, tag or user changed: the event goes in the
/// transaction of the change, through the outbox. One source per item, so its versions arrive in order.
/// </summary>
internal static class ReferenceDataEvents
{
    public static void AddChange(this CommunityDbContext db, ReferenceDataChanged change) => db.AddEvent(change, $"{change.Kind}:{change.Id}");
}
