namespace ReturningAi.Contracts.Events;

/// <summary>A key was updated or revoked; every gateway instance drops it from its cache.</summary>
public sealed record ApiKeyChanged(string KeyId, string CommunityId, bool Revoked);
