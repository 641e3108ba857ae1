using MassTransit;
using Microsoft.EntityFrameworkCore;
using ReturningAi.Contracts.Events;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.Store.Infrastructure;

namespace ReturningAi.Store.Consumers;

/// <summary>
/// Keeps the store's copy of roles, tags and usernames. One upsert that only ever moves forward in
/// version: redelivered and out-of-order events leave the newest state, and concurrent instances agree.
/// </summary>
public sealed class ReferenceDataChangedConsumer(StoreDbContext db) : IConsumer<ReferenceDataChanged>
{
    public async Task Consume(ConsumeContext<ReferenceDataChanged> context)
    {
        var m = context.Message;
        var normalized = NameKey.Normalize(m.Name);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO reference_names (community_id, kind, id, name, normalized_name, deleted, version)
            VALUES ({m.CommunityId}, {m.Kind}, {m.Id}, {m.Name}, {normalized}, {m.Deleted}, {m.Version})
            ON CONFLICT (community_id, kind, id) DO UPDATE
            SET name = excluded.name, normalized_name = excluded.normalized_name, deleted = excluded.deleted, version = excluded.version
            WHERE reference_names.version < excluded.version
            """, context.CancellationToken);
    }
}
