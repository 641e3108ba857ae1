using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Users;

/// <summary>The rules of a user's own properties (users.md U3), shared by every way a user is written.</summary>
public static class UserRules
{
    public const int MaxUsernameLength = 100;
    public const int MaxEmailLength = 320;
    public const int MaxEmailLocalPartLength = 64;
    public const int MaxPersonNameLength = 100;
    public const int MaxUrlLength = 2048;
    public const int MaxPasswordLength = 128;
    public const int MaxReasonLength = 500;
    public const int MaxLabels = 100;

    public static IReadOnlyList<string> Statuses { get; } = [UserStatuses.Active, UserStatuses.Banned, UserStatuses.Deleted];

    private const string EmailLocalForbidden = " \"(),:;<>[\\]";

    /// <summary>
    /// A readable name (username, display name, field name): trimmed, in Unicode NFC, without control or
    /// invisible format characters (CONTRACT §8), so that two names that look alike are one name.
    /// </summary>
    public static string? ReadName(JsonFields fields, string name, bool required, int maxLength) =>
        fields.ReadName(name, required, minLength: 1, maxLength: maxLength);

    /// <summary>
    /// An address of the shape <c>local@domain</c>: one <c>@</c>, a local part of 1–64 printable ASCII
    /// characters without space or <c>"(),:;&lt;&gt;[\]</c>, a domain of at least two labels.
    /// </summary>
    public static bool IsEmail(string email)
    {
        if (email.Length > MaxEmailLength) return false;
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at < 1 || at != email.LastIndexOf('@')) return false;
        var local = email.AsSpan(0, at);
        if (local.Length > MaxEmailLocalPartLength) return false;
        foreach (var c in local)
        {
            if (c is < '!' or > '~' || EmailLocalForbidden.Contains(c, StringComparison.Ordinal)) return false;
        }

        var labels = email[(at + 1)..].Split('.');
        return labels.Length >= 2 && labels.All(IsDomainLabel);
    }

    /// <summary>What emails are compared by: case-insensitively, as partners expect.</summary>
    public static string EmailKey(string email) => email.Trim().ToUpperInvariant();

    /// <summary>Absent, or an absolute http/https URL of at most 2,048 characters.</summary>
    public static bool IsAvatarUrl(string url) => url.Length <= MaxUrlLength && HttpUrls.IsHttpUrl(url);

    /// <summary>The problem of a password as (code, message), or null when the password is acceptable.</summary>
    public static (string Code, string Message)? PasswordProblem(string password, string? confirmPassword, string? username)
    {
        if (confirmPassword is null || !string.Equals(password, confirmPassword, StringComparison.Ordinal))
        {
            return ("password_mismatch", "password and confirmPassword must be sent together and be equal.");
        }

        if (password.Length > MaxPasswordLength) return ("invalid_length", $"password must be at most {MaxPasswordLength} characters long.");
        if (!password.Any(c => !char.IsLetterOrDigit(c) && !char.IsWhiteSpace(c)))
        {
            return ("weak_password", "password must hold at least one special character (not a letter, digit or space).");
        }

        return username is not null && string.Equals(password.Trim(), username.Trim(), StringComparison.OrdinalIgnoreCase)
            ? ("weak_password", "password must not be the username.")
            : null;
    }

    private static bool IsDomainLabel(string label) =>
        label.Length is > 0 and <= 63 && label[0] != '-' && label[^1] != '-' && label.All(c => char.IsLetterOrDigit(c) || c == '-');
}
