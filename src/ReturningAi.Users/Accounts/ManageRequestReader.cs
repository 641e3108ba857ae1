using System.Text.Json;
using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Users.Accounts;

public static class ManageRequestReader
{
    public static ManageRequest? Read(JsonElement body, List<ErrorItem> errors)
    {
        var before = errors.Count;
        var fields = new JsonFields(body, errors);
        var action = fields.ReadString("action", required: true);
        if (action is not null && !AccountActions.All.Contains(action, StringComparer.Ordinal))
        {
            fields.Add("invalid_action", "action", $"action must be one of {string.Join(", ", AccountActions.All)}.");
        }

        var user = fields.ReadString("user", required: true, minLength: 1, maxLength: UserRules.MaxEmailLength);
        var reason = fields.ReadString("reason", required: action == AccountActions.Ban, minLength: 1, maxLength: UserRules.MaxReasonLength);
        string? username = null;
        string? email = null;
        if (action == AccountActions.Restore)
        {
            username = UserRules.ReadName(fields, "username", required: false, UserRules.MaxUsernameLength);
            email = fields.ReadString("email", required: false, minLength: 1, maxLength: UserRules.MaxEmailLength);
            if (email is not null && !UserRules.IsEmail(email))
            {
                fields.Add("invalid_email", "email", "email must be an address like name@example.com (one '@', a domain of at least two labels).");
            }
        }

        return errors.Count > before ? null : new ManageRequest(action!, user!, reason, username, email);
    }
}
