using System.Text.RegularExpressions;
using ReturningAi.ServiceDefaults.Identity;

namespace ReturningAi.Users.Fields;

/// <summary>
/// The key (<c>field</c>) of a custom user field. It names the field in <c>customFields</c>, CSV
/// columns, webhooks and search, so it is checked once here and never changes afterwards.
/// </summary>
public static partial class UserFieldKeys
{
    public const int MaxLength = 50;

    /// <summary>Names the user object and the search columns already use; a field may not shadow them.</summary>
    public static IReadOnlySet<string> Reserved { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "id", "communityID", "username", "email", "firstName", "lastName", "displayName", "avatar", "roles", "tags",
        "status", "statusReason", "joinedAt", "lastLogin", "customFields", "createdAt", "updatedAt", "password",
        "first_name", "last_name", "display_name", "join_date", "last_login", "created_at", "updated_at",
        "firstname", "lastname", "displayname", "confirmPassword", "version",
    };

    /// <summary>The key as stored: trimmed, spaces turned into hyphens (<c>deposit amount</c> → <c>deposit-amount</c>).</summary>
    public static string Normalize(string key) => key.Trim().Replace(' ', '-');

    /// <summary>What keys are compared by: case-insensitively.</summary>
    public static string Comparable(string key) => Normalize(key).ToUpperInvariant();

    /// <summary>The problem of a normalised key as (code, message), or null when it is a good key.</summary>
    public static (string Code, string Message)? Problem(string key)
    {
        if (key.Length is 0 or > MaxLength) return ("invalid_length", $"field must be 1–{MaxLength} characters long.");
        if (!Pattern().IsMatch(key))
        {
            return ("invalid_field_name", "field must start with a letter and hold only letters, digits, '_' and '-' (spaces become '-').");
        }

        if (ObjectIds.IsValid(key.ToLowerInvariant()))
        {
            return ("invalid_field_name", "field must not look like an id (24 hexadecimal characters).");
        }

        return Reserved.Contains(key) ? ("reserved_field_name", $"'{key}' is a property of every user; choose another field name.") : null;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
