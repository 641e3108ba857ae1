using Microsoft.EntityFrameworkCore;
using ReturningAi.Rewards.Orders;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.Store.Infrastructure;
using ReturningAi.Store.Model;

namespace ReturningAi.Store.Statuses;

/// <summary>
/// A community always has exactly one default redemption status (rewards.md §7): <c>Pending</c>, made (or
/// adopted, if the name exists) before the first status or purchase request is served, until the partner
/// moves the default elsewhere. A partial unique index keeps it to one; making it never raises, since both
/// writes step aside for a concurrent one, and moves take a per-community lock.
/// </summary>
public sealed class DefaultStatuses(StoreDbContext db, TimeProvider time)
{
    private static readonly string PendingKey = NameKey.Normalize(RedemptionStatusRules.DefaultName);

    /// <summary>The community's default status, made first if it has none.</summary>
    public async Task<RedemptionStatus> GetAsync(string communityId, CancellationToken cancellationToken)
    {
        if (await FindAsync(communityId, cancellationToken) is { } found) return found;

        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var id = ObjectIds.New(time);
        // Either write steps aside when another request made or adopted the default first.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO redemption_statuses (id, community_id, name, normalized_name, is_default, refunds_points, category, color, created_at, updated_at)
            VALUES ({id}, {communityId}, {RedemptionStatusRules.DefaultName}, {PendingKey}, TRUE, FALSE, {StatusCategories.Incomplete}, NULL, {now}, {now})
            ON CONFLICT DO NOTHING
            """, cancellationToken);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE redemption_statuses SET is_default = TRUE, updated_at = {now}
            WHERE community_id = {communityId}::bpchar AND normalized_name = {PendingKey} AND NOT refunds_points
              AND NOT EXISTS (SELECT 1 FROM redemption_statuses d WHERE d.community_id = {communityId}::bpchar AND d.is_default)
            """, cancellationToken);
        return await FindAsync(communityId, cancellationToken)
            ?? throw new InvalidOperationException($"Community {communityId} has a refunding status named Pending and no default.");
    }

    /// <summary>
    /// Makes <paramref name="statusId"/> the default, in the caller's transaction (or one of its own). The lock
    /// serializes moves in a community, so the one-default index never sees two at once.
    /// </summary>
    public async Task MoveToAsync(string communityId, string statusId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"redemption-default:" + communityId}, 0))", cancellationToken);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE redemption_statuses SET is_default = FALSE, updated_at = {now}
            WHERE community_id = {communityId}::bpchar AND is_default AND id <> {statusId}::bpchar
            """, cancellationToken);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE redemption_statuses SET is_default = TRUE, updated_at = {now} WHERE id = {statusId}::bpchar AND community_id = {communityId}::bpchar
            """, cancellationToken);
        if (owned is not null) await owned.CommitAsync(cancellationToken);
    }

    private Task<RedemptionStatus?> FindAsync(string communityId, CancellationToken cancellationToken) =>
        db.RedemptionStatuses.AsNoTracking().SingleOrDefaultAsync(s => s.CommunityId == communityId && s.IsDefault, cancellationToken);
}
