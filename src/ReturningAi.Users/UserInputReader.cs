using System.Text.Json;
using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.Users.Fields;

namespace ReturningAi.Users;

/// <summary>
/// Reads <c>POST /users</c> and <c>PUT /users/{userID}</c> bodies with the docs' property names
/// (<c>firstname</c>, <c>lastname</c>, <c>displayname</c>; the objects' camelCase names are accepted
/// too). Everything that can be checked without the database is checked here, all problems together.
/// </summary>
public static class UserInputReader
{
    public const int MaxCustomFields = 200;
    public const int MaxEmailTemplateLength = 100;

    /// <summary>Properties an update may not send: they have routes of their own, or are the system's.</summary>
    public static IReadOnlyList<string> ReadOnlyOnUpdate { get; } =
        ["roles", "tags", "status", "joinedAt", "password", "confirmPassword", "lastLogin", "statusReason"];

    public static UserInput ReadCreate(JsonElement body, DateTimeOffset now, List<ErrorItem> errors)
    {
        var fields = new JsonFields(body, errors);
        var username = UserRules.ReadName(fields, "username", required: true, UserRules.MaxUsernameLength);
        var input = ReadCommon(fields, body, username, required: true);

        string? password = null;
        var passwordText = fields.ReadString("password", required: false);
        var confirmation = fields.ReadString("confirmPassword", required: false);
        if (passwordText is not null || confirmation is not null)
        {
            if (UserRules.PasswordProblem(passwordText ?? "", confirmation, username) is { } problem)
            {
                fields.Add(problem.Code, problem.Code == "password_mismatch" ? "confirmPassword" : "password", problem.Message);
            }
            else
            {
                password = passwordText;
            }
        }

        if (!fields.ReadBool("joinServer", fallback: true))
        {
            fields.Add("unsupported_option", "joinServer", "joinServer: false is not supported yet; users join the community when created.");
        }

        var joinedAt = fields.ReadDateTime("joinedAt", out _);
        if (joinedAt > now) fields.Add("invalid_date", "joinedAt", "joinedAt must not be in the future.");

        return input with
        {
            Username = username,
            Password = password,
            Roles = ReadLabels(fields, "roles"),
            Tags = ReadLabels(fields, "tags"),
            JoinedAt = joinedAt,
        };
    }

    public static UserInput ReadUpdate(JsonElement body, List<ErrorItem> errors)
    {
        var fields = new JsonFields(body, errors);
        foreach (var name in ReadOnlyOnUpdate)
        {
            if (fields.Has(name))
            {
                fields.Add("read_only_field", name, $"{name} cannot be changed here{ReadOnlyHint(name)}.");
            }
        }

        var username = UserRules.ReadName(fields, "username", required: false, UserRules.MaxUsernameLength);
        return ReadCommon(fields, body, username, required: false) with { Username = username };
    }

    private static UserInput ReadCommon(JsonFields fields, JsonElement body, string? username, bool required)
    {
        var email = fields.ReadString("email", required, minLength: 1, maxLength: UserRules.MaxEmailLength);
        if (email is not null && !UserRules.IsEmail(email))
        {
            fields.Add("invalid_email", "email", "email must be an address like name@example.com (one '@', a domain of at least two labels).");
            email = null;
        }

        var (firstName, firstNameSent) = ReadPersonName(fields, body, "firstname", "firstName");
        var (lastName, lastNameSent) = ReadPersonName(fields, body, "lastname", "lastName");
        var displayNameProperty = body.TryGetProperty("displayname", out _) ? "displayname" : "displayName";
        var displayName = UserRules.ReadName(fields, displayNameProperty, required: false, UserRules.MaxUsernameLength);
        if (required) displayName ??= username;

        var avatarSent = fields.Has("avatar");
        var avatar = fields.ReadString("avatar", required: false);
        if (avatar is { Length: 0 }) avatar = null;
        if (avatar is not null && !UserRules.IsAvatarUrl(avatar))
        {
            fields.Add("invalid_url", "avatar", $"avatar must be null or an absolute http or https URL of at most {UserRules.MaxUrlLength} characters.");
        }

        int? accessLevel = fields.Has("accessLevel") && body.GetProperty("accessLevel").ValueKind != JsonValueKind.Null
            ? fields.ReadInt("accessLevel", 0)
            : null;
        bool? sendEmail = fields.Has("sendEmail") ? fields.ReadBool("sendEmail") : null;
        bool? emailPassword = fields.Has("emailPassword") ? fields.ReadBool("emailPassword") : null;
        var emailTemplate = ReadEmailTemplate(fields, body);

        return new UserInput
        {
            Email = email,
            FirstName = firstName,
            FirstNameSent = firstNameSent,
            LastName = lastName,
            LastNameSent = lastNameSent,
            DisplayName = displayName,
            Avatar = avatar,
            AvatarSent = avatarSent,
            AccessLevel = accessLevel,
            SendEmail = sendEmail,
            EmailPassword = emailPassword,
            EmailTemplate = emailTemplate,
            CustomFields = ReadCustomFields(fields),
        };
    }

    private static (string? Value, bool Sent) ReadPersonName(JsonFields fields, JsonElement body, string docsName, string objectName)
    {
        var property = body.TryGetProperty(docsName, out _) ? docsName : objectName;
        if (!fields.Has(property)) return (null, false);
        var value = fields.ReadString(property, required: false, maxLength: UserRules.MaxPersonNameLength);
        return (value is { Length: 0 } ? null : value, true);
    }

    /// <summary>The docs show <c>emailTemplate</c> as a string (<c>"0"</c>); a number is kept as its text.</summary>
    private static string? ReadEmailTemplate(JsonFields fields, JsonElement body)
    {
        if (!body.TryGetProperty("emailTemplate", out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.Number) return value.GetRawText();
        return fields.ReadString("emailTemplate", required: false, maxLength: MaxEmailTemplateLength);
    }

    private static IReadOnlyList<string>? ReadLabels(JsonFields fields, string name)
    {
        var names = fields.ReadStringArray(name, required: false, trim: true);
        if (names is null) return null;
        if (names.Count > UserRules.MaxLabels)
        {
            fields.Add("too_many_items", name, $"{name} may hold at most {UserRules.MaxLabels} names; it has {names.Count}.");
            return null;
        }

        return names;
    }

    private static List<FieldAssignment> ReadCustomFields(JsonFields fields)
    {
        var items = fields.ReadObjectArray("customFields");
        if (items is null) return [];
        if (items.Count > MaxCustomFields)
        {
            fields.Add("too_many_items", "customFields", $"customFields may hold at most {MaxCustomFields} items; it has {items.Count}.");
            return [];
        }

        var assignments = new List<FieldAssignment>(items.Count);
        var i = 0;
        foreach (var item in items)
        {
            var path = $"customFields[{i}].";
            var reference = item.ReadString("fieldIdorName", required: true, minLength: 1, maxLength: 100);
            if (reference is not null)
            {
                assignments.Add(new FieldAssignment(reference, item.ReadRaw("value"), path + "fieldIdorName", path + "value"));
            }

            i++;
        }

        return assignments;
    }

    private static string ReadOnlyHint(string name) => name switch
    {
        "roles" => " (use POST /users/{userID}/roles)",
        "tags" => " (use POST /users/{userID}/tags)",
        "status" or "statusReason" => " (use POST /users/manage)",
        _ => "",
    };
}
