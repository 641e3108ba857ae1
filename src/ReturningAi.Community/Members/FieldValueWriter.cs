using Microsoft.EntityFrameworkCore;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Community.Model;
using ReturningAi.Contracts.Members;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.Users.Fields;
using ReturningAi.Users.History;

namespace ReturningAi.Community.Members;

/// <summary>
/// Writes one custom field value of one user (users.md U6): the value, exactly one history item and one
/// <c>USER_FIELD_CHANGED</c> event, and the user's version, all in the caller's transaction. The caller
/// holds the user's lock (<see cref="UserFinder.LockAsync"/>) and a share lock on the field
/// (<see cref="UserFields.ShareLockAsync"/>), so writes to one user are serialized and each history
/// item's old value is the previous item's new value. A write equal to the current value changes nothing.
/// Every way a value changes goes through here: the API, user creation, imports, and later the incoming
/// webhook and the bulk user job.
/// </summary>
internal static class FieldValueWriter
{
    /// <param name="ofNewUser">
    /// The user is being created: its values are part of version 1 and of <c>USER_JOINED</c>, so the write
    /// records its history item but neither bumps the version nor sends an event of its own.
    /// </param>
    /// <returns>The history item written, or null when the value was already this one.</returns>
    public static async Task<UserFieldHistoryItem?> WriteAsync(CommunityDbContext db, User user, UserField field, FieldValue? value, ChangeNote note,
        string source, CreatorInfo creator, DateTimeOffset now, CancellationToken cancellationToken, bool ofNewUser = false)
    {
        var row = ofNewUser ? null : await db.UserFieldValues.SingleOrDefaultAsync(v => v.UserId == user.Id && v.FieldId == field.Id, cancellationToken);
        var before = row?.Value;
        if (before == value?.Canonical) return null;

        // Never before the pair's newest item: an import may have dated one a moment ahead of this clock. Only items after now
        // are read, which either index on the pair reads in a few entries; the plain max chose the field's index while a
        // field was new to the statistics and read all the field's items (1.3 ms a write at 5,000 users, session 18).
        var ahead = ofNewUser ? null : await db.UserFieldHistory.Where(h => h.UserId == user.Id && h.FieldId == field.Id && h.ChangedAt > now)
            .MaxAsync(h => (DateTimeOffset?)h.ChangedAt, cancellationToken);
        var changedAt = ahead ?? now;

        Store(db, row, user, field, value, changedAt);
        var item = Record(db, user, field, before, value, source, note, applied: true, creator, changedAt, now);
        if (!ofNewUser) Applied(db, user, item, now);
        return item;
    }

    /// <summary>Sets (or, for null, removes) the user's value row of the field.</summary>
    public static void Store(CommunityDbContext db, UserFieldValue? row, User user, UserField field, FieldValue? value, DateTimeOffset changedAt)
    {
        if (value is null)
        {
            if (row is not null) db.UserFieldValues.Remove(row);
            return;
        }

        if (row is null)
        {
            row = new UserFieldValue { UserId = user.Id, FieldId = field.Id, CommunityId = user.CommunityId, Value = value.Canonical, UserLive = !user.IsDeleted };
            db.UserFieldValues.Add(row);
        }

        FieldValueColumns.Apply(row, value, field.IsUnique);
        row.ChangedAt = changedAt;
    }

    /// <summary>The history item of one change.</summary>
    public static UserFieldHistoryItem Record(CommunityDbContext db, User user, UserField field, string? before, FieldValue? value, string source,
        ChangeNote note, bool applied, CreatorInfo creator, DateTimeOffset changedAt, DateTimeOffset now)
    {
        var item = new UserFieldHistoryItem
        {
            Id = ObjectIds.New(),
            CommunityId = user.CommunityId,
            UserId = user.Id,
            FieldId = field.Id,
            Field = field.Key,
            OldValue = before,
            NewValue = value?.Canonical,
            Source = source,
            Reference = note.Reference,
            Note = note.Note,
            Applied = applied,
            CreatedBy = creator,
            ChangedAt = changedAt,
            CreatedAt = now,
        };
        db.UserFieldHistory.Add(item);
        return item;
    }

    /// <summary>A change became the user's value: a new version and its event.</summary>
    public static void Applied(CommunityDbContext db, User user, UserFieldHistoryItem item, DateTimeOffset now)
    {
        user.Version++;
        user.UpdatedAt = now;
        UserEvents.FieldChanged(db, user, item);
    }
}
