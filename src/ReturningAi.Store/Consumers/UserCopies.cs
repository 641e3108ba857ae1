using Microsoft.EntityFrameworkCore;
using ReturningAi.Contracts.Events;
using ReturningAi.Store.Infrastructure;

namespace ReturningAi.Store.Consumers;

/// <summary>
/// Keeps the store's copy of users from their snapshot events. One upsert that only moves forward in
/// version is idempotent by construction (so the consumers need no inbox): a redelivered or late event
/// changes nothing, concurrent instances agree. Role and tag ids of labels the store already knows to be
/// deleted are left out, so a late user event cannot bring a deleted role back.
/// </summary>
internal static class UserCopies
{
    public static Task ApplyAsync(StoreDbContext db, UserSnapshotEvent user, CancellationToken cancellationToken)
    {
        var roles = user.Roles.Select(r => r.Id).ToArray();
        var tags = user.Tags.Select(t => t.Id).ToArray();
        var username = user.Username.Trim().ToUpperInvariant();
        var email = user.Email.Trim().ToUpperInvariant();
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO user_copies (user_id, community_id, username, normalized_username, email, normalized_email, status, role_ids, tag_ids, version, updated_at)
            VALUES ({user.UserId}, {user.CommunityId}, {user.Username}, {username}, {user.Email}, {email}, {user.Status},
                ARRAY(SELECT r FROM unnest({roles}::text[]) r WHERE NOT EXISTS (SELECT 1 FROM reference_names n
                    WHERE n.community_id = {user.CommunityId}::bpchar AND n.kind = {ReferenceDataChanged.Role} AND n.id = r::bpchar AND n.deleted)),
                ARRAY(SELECT t FROM unnest({tags}::text[]) t WHERE NOT EXISTS (SELECT 1 FROM reference_names n
                    WHERE n.community_id = {user.CommunityId}::bpchar AND n.kind = {ReferenceDataChanged.Tag} AND n.id = t::bpchar AND n.deleted)),
                {user.Version}, {user.OccurredAt})
            ON CONFLICT (user_id) DO UPDATE
            SET username = excluded.username, normalized_username = excluded.normalized_username, email = excluded.email,
                normalized_email = excluded.normalized_email, status = excluded.status, role_ids = excluded.role_ids, tag_ids = excluded.tag_ids,
                version = excluded.version, updated_at = excluded.updated_at
            WHERE user_copies.version < excluded.version AND user_copies.community_id = excluded.community_id
            """, cancellationToken);
    }
}
