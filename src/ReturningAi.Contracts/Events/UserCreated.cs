namespace ReturningAi.Contracts.Events;

/// <summary><c>COMMUNITY_EVENTS.USER_CREATED</c>: a user was created (its snapshot).</summary>
public sealed record UserCreated : UserSnapshotEvent
{
    public const string EntityName = "COMMUNITY_EVENTS.USER_CREATED";
}
