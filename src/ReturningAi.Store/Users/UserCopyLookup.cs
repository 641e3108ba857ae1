using Microsoft.EntityFrameworkCore;
using ReturningAi.Rewards.Requests;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.Store.Infrastructure;
using ReturningAi.Store.Model;

namespace ReturningAi.Store.Users;

/// <summary>
/// Finds the user a request names in the store's copy of users (users.md §U9; under a second behind
/// Community). Unknown, deleted or another community's: not found.
/// </summary>
public sealed class UserCopyLookup(StoreDbContext db)
{
    public const string Deleted = "deleted";
    public const string Banned = "banned";

    public async Task<UserCopy?> FindAsync(string communityId, UserReference user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var users = Live(communityId);
        if (user.UserId is { } id) return ObjectIds.IsValid(id) ? await users.SingleOrDefaultAsync(u => u.UserId == id, cancellationToken) : null;
        var email = Normalize(user.Email!);
        // Live emails are unique in Community; a copy a moment behind may briefly hold two: the newest wins.
        return await users.Where(u => u.NormalizedEmail == email).OrderByDescending(u => u.UpdatedAt).FirstOrDefaultAsync(cancellationToken);
    }

    public static string Normalize(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.Trim().ToUpperInvariant();
    }

    private IQueryable<UserCopy> Live(string communityId) => db.UserCopies.AsNoTracking().Where(u => u.CommunityId == communityId && u.Status != Deleted);
}
