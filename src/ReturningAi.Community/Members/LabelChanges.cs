using Microsoft.EntityFrameworkCore;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Community.Model;
using ReturningAi.Contracts.Events;
using ReturningAi.Contracts.Http;
using ReturningAi.Users;
using ReturningAi.Users.Accounts;

namespace ReturningAi.Community.Members;

/// <summary>Adds, removes or sets a user's roles or tags, all or nothing, at most 100 of each.</summary>
internal static class LabelChanges
{
    public static async Task<User> ApplyAsync(CommunityDbContext db, string communityId, string userId, string kind, LabelChange change,
        CancellationToken cancellationToken)
    {
        var user = await UserFinder.LockAsync(db, communityId, userId, cancellationToken) ?? throw RefusedException.NotFound("The user");
        if (user.IsDeleted) throw UserEdits.UserDeleted();

        var errors = new List<ErrorItem>();
        var set = change.Set is null ? null : await Memberships.ResolveAsync(db, communityId, kind, change.Set, "set", errors, cancellationToken);
        var add = await Memberships.ResolveAsync(db, communityId, kind, change.Add, "add", errors, cancellationToken);
        var remove = await Memberships.ResolveAsync(db, communityId, kind, change.Remove, "remove", errors, cancellationToken);
        if (errors.Count > 0) throw RefusedException.Invalid(errors);

        var held = await db.UserLabels.Where(m => m.UserId == user.Id && m.Kind == kind).ToListAsync(cancellationToken);
        var wanted = set is not null
            ? set.Select(l => l.Id).ToHashSet(StringComparer.Ordinal)
            : held.Select(m => m.LabelId).Except(remove.Select(l => l.Id)).Concat(add.Select(l => l.Id)).ToHashSet(StringComparer.Ordinal);
        if (wanted.Count > UserRules.MaxLabels)
        {
            var noun = kind == ReferenceDataChanged.Role ? "roles" : "tags";
            throw RefusedException.Conflict($"too_many_{noun}", $"A user holds at most {UserRules.MaxLabels} {noun}; this change would leave {wanted.Count}.",
                set is null ? "add" : "set");
        }

        var removed = held.Where(m => !wanted.Contains(m.LabelId)).ToList();
        var added = wanted.Where(id => held.All(m => m.LabelId != id)).ToList();
        if (removed.Count == 0 && added.Count == 0) return user;

        db.UserLabels.RemoveRange(removed);
        foreach (var id in added) db.UserLabels.Add(new UserLabel { UserId = user.Id, LabelId = id, CommunityId = communityId, Kind = kind });
        var now = await DatabaseClock.NowAsync(db, cancellationToken);
        user.Version++;
        user.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await UserEvents.UpdatedAsync(db, user, [kind == ReferenceDataChanged.Role ? "roles" : "tags"], null, now, cancellationToken);
        return user;
    }
}
