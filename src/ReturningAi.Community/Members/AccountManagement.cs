using Microsoft.EntityFrameworkCore;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Community.Model;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Members;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.Users;
using ReturningAi.Users.Accounts;

namespace ReturningAi.Community.Members;

/// <summary>
/// Ban, unban, delete (soft) and restore (users.md U3 "Manage"), one account action per change in the
/// change's transaction. Delete frees the username, email and unique values at once; restore returns
/// the user to its status before (a ban survives), checking those again.
/// </summary>
internal static class AccountManagement
{
    public static async Task<(ManageResultDto Result, bool Changed)> ApplyAsync(CommunityDbContext db, string communityId, ManageRequest request,
        CreatorInfo creator, CancellationToken cancellationToken)
    {
        var named = await UserFinder.FindNamedAsync(db, communityId, request.User, request.Action == AccountActions.Restore, cancellationToken)
            ?? throw RefusedException.NotFound("The user");
        var user = await UserFinder.LockAsync(db, communityId, named.Id, cancellationToken) ?? throw RefusedException.NotFound("The user");
        var from = user.Status;
        var to = request.Action switch
        {
            AccountActions.Ban when user.IsDeleted => throw Transition(request.Action),
            AccountActions.Unban when user.IsDeleted => throw Transition(request.Action),
            AccountActions.Ban => UserStatuses.Banned,
            AccountActions.Unban => UserStatuses.Active,
            AccountActions.Delete => UserStatuses.Deleted,
            _ => user.IsDeleted ? user.StatusBeforeDelete ?? UserStatuses.Active : from,
        };
        if (to == from) return (await ResultAsync(db, user, request.Action, null, cancellationToken), false);

        var now = await DatabaseClock.NowAsync(db, cancellationToken);
        var changes = new List<string> { "status" };
        if (request.Action == AccountActions.Delete)
        {
            user.StatusBeforeDelete = from;
            user.DeletedAt = now;
            user.StatusReason = request.Reason;
            await SetValuesLiveAsync(db, user.Id, live: false, cancellationToken);
        }
        else if (request.Action == AccountActions.Restore)
        {
            await PrepareRestoreAsync(db, user, request, changes, cancellationToken);
            user.StatusBeforeDelete = null;
            user.DeletedAt = null;
            user.StatusReason = to == UserStatuses.Banned ? await LastBanReasonAsync(db, user.Id, cancellationToken) : request.Reason;
            await SetValuesLiveAsync(db, user.Id, live: true, cancellationToken);
        }
        else
        {
            user.StatusReason = request.Reason;
        }

        user.Status = to;
        user.Version++;
        user.UpdatedAt = now;
        var action = new AccountAction
        {
            Id = ObjectIds.New(),
            CommunityId = communityId,
            UserId = user.Id,
            Action = request.Action,
            Reason = request.Reason,
            FromStatus = from,
            ToStatus = to,
            CreatedBy = creator,
            CreatedAt = now,
        };
        db.AccountActions.Add(action);
        await db.SaveChangesAsync(cancellationToken);
        var actionDto = ToDto(action);
        await UserEvents.UpdatedAsync(db, user, changes, actionDto, now, cancellationToken);
        return (await ResultAsync(db, user, request.Action, actionDto, cancellationToken), true);
    }

    public static AccountActionDto ToDto(AccountAction a) => new(a.Id, a.UserId, a.Action, a.Reason, a.FromStatus, a.ToStatus, a.CreatedBy, a.CreatedAt);

    /// <summary>New identifiers, if sent, and a check that the user's identifiers and unique values are still free.</summary>
    private static async Task PrepareRestoreAsync(CommunityDbContext db, User user, ManageRequest request, List<string> changes, CancellationToken cancellationToken)
    {
        if (request.NewUsername is { } username && username != user.Username)
        {
            user.Username = username;
            user.NormalizedUsername = NameKey.Normalize(username);
            changes.Add("username");
        }

        if (request.NewEmail is { } email && email != user.Email)
        {
            user.Email = email;
            user.NormalizedEmail = UserRules.EmailKey(email);
            changes.Add("email");
        }

        var conflicts = new List<ErrorItem>();
        if (await UserFinder.UsernameTakenAsync(db, user.CommunityId, user.Username, user.Id, cancellationToken))
        {
            conflicts.Add(new ErrorItem("duplicate_name", $"'{user.Username}' now belongs to another user; restore with a new username.", "username"));
        }

        if (await UserFinder.EmailTakenAsync(db, user.CommunityId, user.Email, user.Id, cancellationToken))
        {
            conflicts.Add(new ErrorItem("duplicate_email", $"'{user.Email}' now belongs to another user; restore with a new email.", "email"));
        }

        var taken = await (from v in db.UserFieldValues
                           join f in db.UserFields on v.FieldId equals f.Id
                           where v.UserId == user.Id && v.UniqueKey != null
                                 && db.UserFieldValues.Any(o => o.FieldId == v.FieldId && o.UniqueKey == v.UniqueKey && o.UserLive && o.UserId != user.Id)
                           select f.Key).ToListAsync(cancellationToken);
        conflicts.AddRange(taken.Select(key => new ErrorItem("duplicate_value",
            $"Another user now holds this user's {key}, a unique field; change one of them before restoring.", $"customFields.{key}")));
        if (conflicts.Count > 0) throw RefusedException.Conflict(conflicts);
    }

    private static Task<int> SetValuesLiveAsync(CommunityDbContext db, string userId, bool live, CancellationToken cancellationToken) =>
        db.UserFieldValues.Where(v => v.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(v => v.UserLive, live), cancellationToken);

    private static Task<string?> LastBanReasonAsync(CommunityDbContext db, string userId, CancellationToken cancellationToken) =>
        db.AccountActions.Where(a => a.UserId == userId && a.ToStatus == UserStatuses.Banned).OrderByDescending(a => a.CreatedAt)
            .Select(a => a.Reason).FirstOrDefaultAsync(cancellationToken);

    private static async Task<ManageResultDto> ResultAsync(CommunityDbContext db, User user, string action, AccountActionDto? accountAction,
        CancellationToken cancellationToken) =>
        new(action, await UserViews.ToDtoAsync(db, user, cancellationToken), new AccountStateDto(user.Status, user.StatusReason), accountAction);

    private static RefusedException Transition(string action) =>
        RefusedException.Conflict("invalid_status_transition", $"A deleted user cannot be {(action == AccountActions.Ban ? "banned" : "unbanned")}; restore it first.", "action");
}
