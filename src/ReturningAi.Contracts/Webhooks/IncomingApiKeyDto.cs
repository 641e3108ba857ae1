namespace ReturningAi.Contracts.Webhooks;

/// <summary>The incoming key's state: on or off, when it was made, until when the key it replaced still works.</summary>
public sealed record IncomingApiKeyDto(bool IsEnabled, DateTimeOffset? CreatedAt, DateTimeOffset? PreviousKeyExpiresAt);
