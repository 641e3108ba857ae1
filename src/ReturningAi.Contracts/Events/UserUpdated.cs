using ReturningAi.Contracts.Members;

namespace ReturningAi.Contracts.Events;

/// <summary>
/// <c>COMMUNITY_EVENTS.USER_UPDATED</c>: the profile, status, roles or tags changed. <see cref="Changes"/>
/// names what changed (<c>username</c>, <c>status</c>, <c>roles</c>…); a status change carries its account action.
/// </summary>
public sealed record UserUpdated : UserSnapshotEvent
{
    public const string EntityName = "COMMUNITY_EVENTS.USER_UPDATED";

    public required IReadOnlyList<string> Changes { get; init; }
    public AccountActionDto? AccountAction { get; init; }
}
