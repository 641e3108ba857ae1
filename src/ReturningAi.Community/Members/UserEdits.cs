using ReturningAi.Community.Infrastructure;
using ReturningAi.Community.Model;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Members;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.Users;
using ReturningAi.Users.History;

namespace ReturningAi.Community.Members;

/// <summary><c>PUT /users/{userID}</c>: the profile properties sent and custom values, under the user's lock; one version per write.</summary>
internal static class UserEdits
{
    /// <param name="source">The history items' source: <c>api</c>, or <c>webhook</c> for the incoming webhook.</param>
    public static async Task<User> ApplyAsync(CommunityDbContext db, string communityId, string userId, UserInput input, CreatorInfo creator,
        string source, CancellationToken cancellationToken)
    {
        var user = await UserFinder.LockAsync(db, communityId, userId, cancellationToken) ?? throw RefusedException.NotFound("The user");
        if (user.IsDeleted) throw UserDeleted();

        var fields = await LockedFields.ResolveAsync(db, communityId, input.CustomFields, null, cancellationToken);
        var required = fields.Values.Where(v => v.Value is null && v.Field.Required)
            .Select(v => new ErrorItem("field_required", $"'{v.Field.Key}' is a required field: it cannot be cleared.", v.Assignment.ValuePath))
            .ToList();
        if (required.Count > 0) throw RefusedException.Invalid(required);

        var changes = Changes(user, input);
        var conflicts = new List<ErrorItem>();
        if (changes.Contains("username") && await UserFinder.UsernameTakenAsync(db, communityId, input.Username!, user.Id, cancellationToken))
        {
            conflicts.Add(new ErrorItem("duplicate_name", $"'{input.Username}' is already the username of a user of this community.", "username"));
        }

        if (changes.Contains("email") && await UserFinder.EmailTakenAsync(db, communityId, input.Email!, user.Id, cancellationToken))
        {
            conflicts.Add(new ErrorItem("duplicate_email", $"'{input.Email}' is already the email of a user of this community.", "email"));
        }

        conflicts.AddRange(await UniqueValues.ConflictsAsync(db, user.Id, fields.Values, cancellationToken));
        if (conflicts.Count > 0) throw RefusedException.Conflict(conflicts);

        var now = await DatabaseClock.NowAsync(db, cancellationToken);
        if (changes.Count > 0)
        {
            Apply(user, input);
            user.Version++;
            user.UpdatedAt = now;
        }

        foreach (var value in fields.Values)
        {
            await FieldValueWriter.WriteAsync(db, user, value.Field, value.Value, ChangeNote.None, source, creator, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (changes.Count > 0) await UserEvents.UpdatedAsync(db, user, changes, null, now, cancellationToken);
        return user;
    }

    public static RefusedException UserDeleted() =>
        RefusedException.Conflict("user_deleted", "This user is deleted and read-only; restore it first (POST /users/manage).", null);

    /// <summary>The names of the properties the input changes (by their User object names).</summary>
    private static List<string> Changes(User user, UserInput input)
    {
        var changes = new List<string>();
        if (input.Username is { } username && username != user.Username) changes.Add("username");
        if (input.Email is { } email && email != user.Email) changes.Add("email");
        if (input.FirstNameSent && input.FirstName != user.FirstName) changes.Add("firstName");
        if (input.LastNameSent && input.LastName != user.LastName) changes.Add("lastName");
        if (input.DisplayName is { } displayName && displayName != user.DisplayName) changes.Add("displayName");
        if (input.AvatarSent && input.Avatar != user.Avatar) changes.Add("avatar");
        if (input.AccessLevel is { } level && level != user.AccessLevel) changes.Add("accessLevel");
        if (input.SendEmail is { } sendEmail && sendEmail != user.SendEmail) changes.Add("sendEmail");
        if (input.EmailPassword is { } emailPassword && emailPassword != user.EmailPassword) changes.Add("emailPassword");
        if (input.EmailTemplate is { } template && template != user.EmailTemplate) changes.Add("emailTemplate");
        return changes;
    }

    private static void Apply(User user, UserInput input)
    {
        if (input.Username is { } username)
        {
            user.Username = username;
            user.NormalizedUsername = NameKey.Normalize(username);
        }

        if (input.Email is { } email)
        {
            user.Email = email;
            user.NormalizedEmail = UserRules.EmailKey(email);
        }

        if (input.FirstNameSent) user.FirstName = input.FirstName;
        if (input.LastNameSent) user.LastName = input.LastName;
        if (input.DisplayName is { } displayName) user.DisplayName = displayName;
        if (input.AvatarSent) user.Avatar = input.Avatar;
        user.AccessLevel = input.AccessLevel ?? user.AccessLevel;
        user.SendEmail = input.SendEmail ?? user.SendEmail;
        user.EmailPassword = input.EmailPassword ?? user.EmailPassword;
        user.EmailTemplate = input.EmailTemplate ?? user.EmailTemplate;
    }
}
