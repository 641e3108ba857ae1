using Microsoft.EntityFrameworkCore;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Community.Model;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.Users;

namespace ReturningAi.Community.Members;

/// <summary>Finding and locking users of a community.</summary>
internal static class UserFinder
{
    /// <summary>A user of the community by id, not tracked: a write locks it with <see cref="LockAsync"/> instead.</summary>
    public static Task<User?> FindAsync(CommunityDbContext db, string communityId, string? id, CancellationToken cancellationToken) =>
        ObjectIds.IsValid(id)
            ? db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id && u.CommunityId == communityId, cancellationToken)
            : Task.FromResult<User?>(null);

    /// <summary>
    /// The user, locked until the transaction ends: every write to one user holds this lock, so writes
    /// to one user are serialized and each sees the one before (a history chain without gaps).
    /// </summary>
    public static async Task<User?> LockAsync(CommunityDbContext db, string communityId, string? id, CancellationToken cancellationToken) =>
        ObjectIds.IsValid(id)
            ? await db.Users.FromSqlInterpolated(
                    $"SELECT * FROM users WHERE id = {id}::bpchar AND community_id = {communityId}::bpchar FOR UPDATE")
                .SingleOrDefaultAsync(cancellationToken)
            : null;

    /// <summary>A live user by email (any case).</summary>
    public static Task<User?> FindLiveByEmailAsync(CommunityDbContext db, string communityId, string email, CancellationToken cancellationToken)
    {
        var key = UserRules.EmailKey(email);
        return db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.CommunityId == communityId && u.NormalizedEmail == key && u.Status != UserStatuses.Deleted,
            cancellationToken);
    }

    /// <summary>The live user with the email (any case), locked as <see cref="LockAsync"/> locks: one statement where a find and a lock are two.</summary>
    public static Task<User?> LockLiveByEmailAsync(CommunityDbContext db, string communityId, string email, CancellationToken cancellationToken)
    {
        var key = UserRules.EmailKey(email);
        return db.Users.FromSqlInterpolated(
                $"SELECT * FROM users WHERE community_id = {communityId}::bpchar AND normalized_email = {key} AND status <> 'deleted' FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>A live user by username (any case).</summary>
    public static Task<User?> FindLiveByUsernameAsync(CommunityDbContext db, string communityId, string username, CancellationToken cancellationToken)
    {
        var key = NameKey.Normalize(username);
        return db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.CommunityId == communityId && u.NormalizedUsername == key && u.Status != UserStatuses.Deleted,
            cancellationToken);
    }

    /// <summary>
    /// The user a manage request names: an <c>_id</c>, an email (it has an '@') or a username. Live users
    /// first; for a restore, the latest deleted holder of that username or email.
    /// </summary>
    public static async Task<User?> FindNamedAsync(CommunityDbContext db, string communityId, string reference, bool deleted, CancellationToken cancellationToken)
    {
        if (ObjectIds.IsValid(reference)) return await FindAsync(db, communityId, reference, cancellationToken);
        var query = db.Users.AsNoTracking().Where(u => u.CommunityId == communityId);
        if (reference.Contains('@', StringComparison.Ordinal))
        {
            var email = UserRules.EmailKey(reference);
            query = query.Where(u => u.NormalizedEmail == email);
        }
        else
        {
            var username = NameKey.Normalize(reference);
            query = query.Where(u => u.NormalizedUsername == username);
        }

        return deleted
            ? await query.Where(u => u.Status == UserStatuses.Deleted).OrderByDescending(u => u.DeletedAt).ThenByDescending(u => u.Id)
                .FirstOrDefaultAsync(cancellationToken)
            : await query.Where(u => u.Status != UserStatuses.Deleted).FirstOrDefaultAsync(cancellationToken);
    }

    public static Task<bool> UsernameTakenAsync(CommunityDbContext db, string communityId, string username, string? exceptUserId, CancellationToken cancellationToken)
    {
        var key = NameKey.Normalize(username);
        return db.Users.AnyAsync(u => u.CommunityId == communityId && u.NormalizedUsername == key && u.Status != UserStatuses.Deleted && u.Id != exceptUserId,
            cancellationToken);
    }

    public static Task<bool> EmailTakenAsync(CommunityDbContext db, string communityId, string email, string? exceptUserId, CancellationToken cancellationToken)
    {
        var key = UserRules.EmailKey(email);
        return db.Users.AnyAsync(u => u.CommunityId == communityId && u.NormalizedEmail == key && u.Status != UserStatuses.Deleted && u.Id != exceptUserId,
            cancellationToken);
    }
}
