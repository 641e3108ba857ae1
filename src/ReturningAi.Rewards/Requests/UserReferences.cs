using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Rewards.Requests;

/// <summary>Reads the user a request names, from a body or a query; neither or both is 400 <c>user_identifier_required</c>.</summary>
public static class UserReferences
{
    public static UserReference? Read(JsonFields body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var userId = body.ReadString(UserReference.UserIdField, required: false);
        var email = body.ReadString(UserReference.EmailField, required: false);
        return From(userId, email, body.Errors, body.Path);
    }

    /// <summary>From two query (or form) values; blank counts as absent.</summary>
    public static UserReference? From(string? userId, string? email, List<ErrorItem> errors, string path = "")
    {
        ArgumentNullException.ThrowIfNull(errors);
        userId = string.IsNullOrWhiteSpace(userId) ? null : userId.Trim();
        email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        if ((userId is null) == (email is null))
        {
            errors.Add(new ErrorItem(UserReference.RequiredCode, UserReference.RequiredMessage, path + (userId is null ? UserReference.UserIdField : UserReference.EmailField)));
            return null;
        }

        return new UserReference(userId, email);
    }
}
