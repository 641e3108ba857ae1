namespace ReturningAi.ServiceDefaults.Http;

/// <summary>The <c>encryption</c> object as sent: on or off, and when on its mode and key (either may be left to the stored one on update).</summary>
public sealed record EncryptionDraft(bool IsEnabled, string? Mode, string? Key);
