using ReturningAi.Users.Fields;

namespace ReturningAi.Users;

/// <summary>
/// A user create or update body, read and checked (users.md U3). On update only what was sent
/// changes: each optional property says whether it was sent, so that null can mean "clear".
/// </summary>
public sealed record UserInput
{
    public string? Username { get; init; }
    public string? Email { get; init; }
    public string? FirstName { get; init; }
    public bool FirstNameSent { get; init; }
    public string? LastName { get; init; }
    public bool LastNameSent { get; init; }
    public string? DisplayName { get; init; }
    public string? Avatar { get; init; }
    public bool AvatarSent { get; init; }
    public string? Password { get; init; }
    public int? AccessLevel { get; init; }
    public bool? SendEmail { get; init; }
    public bool? EmailPassword { get; init; }
    public string? EmailTemplate { get; init; }
    public IReadOnlyList<string>? Roles { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public DateTimeOffset? JoinedAt { get; init; }
    public IReadOnlyList<FieldAssignment> CustomFields { get; init; } = [];

    /// <summary>True when an update body changes nothing of the user's own properties.</summary>
    public bool ChangesNoProperty =>
        Username is null && Email is null && !FirstNameSent && !LastNameSent && DisplayName is null && !AvatarSent
        && AccessLevel is null && SendEmail is null && EmailPassword is null && EmailTemplate is null;
}
