using Microsoft.AspNetCore.Identity;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Community.Model;
using ReturningAi.Contracts.Events;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Members;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.Users;
using ReturningAi.Users.History;

namespace ReturningAi.Community.Members;

/// <summary>
/// Creates a user in the caller's transaction (users.md U3): roles and tags by name, custom values by
/// type, defaults of fields it does not set (source <c>system</c>), required fields, unique username,
/// email and values among live users, a history item per value, <c>USER_CREATED</c> and <c>USER_JOINED</c>.
/// Refusals are thrown (<see cref="RefusedException"/>), all problems of one kind together.
/// </summary>
internal static class UserCreation
{
    private static readonly PasswordHasher<User> Passwords = new();

    public static async Task<User> CreateAsync(CommunityDbContext db, string communityId, UserInput input, CreatorInfo creator, string source,
        CancellationToken cancellationToken)
    {
        var errors = new List<ErrorItem>();
        var roles = await Memberships.ResolveAsync(db, communityId, ReferenceDataChanged.Role, input.Roles, "roles", errors, cancellationToken);
        var tags = await Memberships.ResolveAsync(db, communityId, ReferenceDataChanged.Tag, input.Tags, "tags", errors, cancellationToken);
        if (errors.Count > 0) throw RefusedException.Invalid(errors);

        var setKeys = new HashSet<string>(StringComparer.Ordinal);
        var fields = await LockedFields.ResolveAsync(db, communityId, input.CustomFields,
            all => all.Where(f => f.DefaultValue is not null), cancellationToken);
        foreach (var value in fields.Values.Where(v => v.Value is not null)) setKeys.Add(value.Field.Id);
        foreach (var required in fields.All.Where(f => f.Required && f.DefaultValue is null && !setKeys.Contains(f.Id)))
        {
            errors.Add(new ErrorItem("field_required", $"'{required.Key}' is a required field: send a value for it in customFields.", "customFields"));
        }

        if (errors.Count > 0) throw RefusedException.Invalid(errors);

        var conflicts = new List<ErrorItem>();
        if (await UserFinder.UsernameTakenAsync(db, communityId, input.Username!, null, cancellationToken))
        {
            conflicts.Add(new ErrorItem("duplicate_name", $"'{input.Username}' is already the username of a user of this community.", "username"));
        }

        if (await UserFinder.EmailTakenAsync(db, communityId, input.Email!, null, cancellationToken))
        {
            conflicts.Add(new ErrorItem("duplicate_email", $"'{input.Email}' is already the email of a user of this community.", "email"));
        }

        conflicts.AddRange(await UniqueValues.ConflictsAsync(db, null, fields.Values, cancellationToken));
        if (conflicts.Count > 0) throw RefusedException.Conflict(conflicts);

        var now = await DatabaseClock.NowAsync(db, cancellationToken);
        var user = new User
        {
            Id = ObjectIds.New(),
            CommunityId = communityId,
            Username = input.Username!,
            NormalizedUsername = NameKey.Normalize(input.Username!),
            Email = input.Email!,
            NormalizedEmail = UserRules.EmailKey(input.Email!),
            FirstName = input.FirstName,
            LastName = input.LastName,
            DisplayName = input.DisplayName ?? input.Username!,
            Avatar = input.Avatar,
            AccessLevel = input.AccessLevel,
            SendEmail = input.SendEmail,
            EmailPassword = input.EmailPassword,
            EmailTemplate = input.EmailTemplate,
            JoinedAt = input.JoinedAt ?? now,
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (input.Password is not null) user.PasswordHash = Passwords.HashPassword(user, input.Password);
        db.Users.Add(user);
        Memberships.Add(db, user, roles.Concat(tags));

        foreach (var value in fields.Values.Where(v => v.Value is not null))
        {
            await FieldValueWriter.WriteAsync(db, user, value.Field, value.Value, ChangeNote.None, source, creator, now, cancellationToken, ofNewUser: true);
        }

        foreach (var field in fields.All.Where(f => f.DefaultValue is not null && !setKeys.Contains(f.Id)))
        {
            await FieldValueWriter.WriteAsync(db, user, field, UserFields.DefaultValue(field), ChangeNote.None, HistorySources.System,
                CreatorInfo.System, now, cancellationToken, ofNewUser: true);
        }

        await db.SaveChangesAsync(cancellationToken);
        var customFields = (await UserViews.CustomFieldsAsync(db, [user.Id], cancellationToken)).GetValueOrDefault(user.Id) ?? [];
        await UserEvents.CreatedAsync(db, user, customFields, source, now, cancellationToken);
        return user;
    }
}
