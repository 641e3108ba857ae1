using ReturningAi.Users;

namespace ReturningAi.Community.Model;

/// <summary>
/// A member of a community. Deleted users stay (soft delete) but free their username and email: the
/// unique indexes cover live users only. <see cref="Version"/> grows with every write, custom values included.
/// </summary>
public sealed class User
{
    public required string Id { get; init; }
    public required string CommunityId { get; init; }
    public required string Username { get; set; }
    public required string NormalizedUsername { get; set; }
    public required string Email { get; set; }
    public required string NormalizedEmail { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public required string DisplayName { get; set; }
    public string? Avatar { get; set; }
    public string Status { get; set; } = UserStatuses.Active;
    public string? StatusReason { get; set; }

    /// <summary>The status a deleted user had, to which a restore returns it (a ban survives delete and restore).</summary>
    public string? StatusBeforeDelete { get; set; }

    /// <summary>ASP.NET Core Identity's PBKDF2 hash; null for users who sign in through a broker.</summary>
    public string? PasswordHash { get; set; }

    public int? AccessLevel { get; set; }
    public bool? SendEmail { get; set; }
    public bool? EmailPassword { get; set; }
    public string? EmailTemplate { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
    public DateTimeOffset? LastLogin { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public long Version { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsDeleted => Status == UserStatuses.Deleted;
}
