namespace ReturningAi.Contracts.Webhooks;

/// <summary>Whether bodies are encrypted and how (<c>gcm</c> or <c>cbc</c>); the key is never shown.</summary>
public sealed record WebhookEncryptionDto(bool IsEnabled, string? Mode);
