namespace ReturningAi.Community.Model;

/// <summary>
/// A community's incoming webhook settings (events-and-jobs.md §2): its incoming key (only SHA-256 hashes, the
/// replaced one kept 24 h) and the encryption its partner's calls must use (the key encrypted at rest).
/// </summary>
public sealed class IncomingWebhookSettings
{
    public required string CommunityId { get; init; }
    public string? KeyId { get; set; }
    public byte[]? KeyHash { get; set; }
    public DateTimeOffset? KeyCreatedAt { get; set; }
    public string? PreviousKeyId { get; set; }
    public byte[]? PreviousKeyHash { get; set; }
    public DateTimeOffset? PreviousKeyExpiresAt { get; set; }

    /// <summary><c>gcm</c> or <c>cbc</c> while calls must be encrypted; null otherwise.</summary>
    public string? EncryptionMode { get; set; }

    /// <summary>The partner's 32-character key as StoredSecrets keeps it.</summary>
    public string? ProtectedEncryptionKey { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
