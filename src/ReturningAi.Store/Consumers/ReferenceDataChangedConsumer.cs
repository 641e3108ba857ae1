using MassTransit;
using Microsoft.EntityFrameworkCore;
using ReturningAi.Contracts.Events;
using ReturningAi.Messaging;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.Store.Infrastructure;

namespace ReturningAi.Store.Consumers;

/// <summary>
/// Keeps the store's copy of roles, tags and usernames. Handled once per message id by the inbox (its
/// row commits with the upsert), so a redelivered or duplicated event does nothing the second time; the
/// upsert also only ever moves forward in version, so events of one item that arrive out of order (two
/// store instances consume side by side) leave the newest state. A deleted role or tag also leaves the
/// store's copies of users, as it left the users in Community's transaction.
/// </summary>
public sealed class ReferenceDataChangedConsumer(StoreDbContext db) : IConsumer<ReferenceDataChanged>
{
    public const string InboxName = "store-reference-data-changed";

    public Task Consume(ConsumeContext<ReferenceDataChanged> context) => db.HandleOnceAsync(context, InboxName, async cancellationToken =>
    {
        var m = context.Message;
        var normalized = NameKey.Normalize(m.Name);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO reference_names (community_id, kind, id, name, normalized_name, deleted, version)
            VALUES ({m.CommunityId}, {m.Kind}, {m.Id}, {m.Name}, {normalized}, {m.Deleted}, {m.Version})
            ON CONFLICT (community_id, kind, id) DO UPDATE
            SET name = excluded.name, normalized_name = excluded.normalized_name, deleted = excluded.deleted, version = excluded.version
            WHERE reference_names.version < excluded.version
            """, cancellationToken);

        if (m.Deleted && m.Kind is ReferenceDataChanged.Role or ReferenceDataChanged.Tag)
        {
            await (m.Kind == ReferenceDataChanged.Role
                ? db.Database.ExecuteSqlInterpolatedAsync(
                    $"UPDATE user_copies SET role_ids = array_remove(role_ids, {m.Id}) WHERE community_id = {m.CommunityId}::bpchar AND {m.Id} = ANY(role_ids)",
                    cancellationToken)
                : db.Database.ExecuteSqlInterpolatedAsync(
                    $"UPDATE user_copies SET tag_ids = array_remove(tag_ids, {m.Id}) WHERE community_id = {m.CommunityId}::bpchar AND {m.Id} = ANY(tag_ids)",
                    cancellationToken));
        }
    });
}
