namespace ReturningAi.Webhooks.Model;

/// <summary>A partner's URL that receives the community's events, signed with its secret.</summary>
public sealed class WebhookEndpoint
{
    public required string Id { get; init; }
    public required string CommunityId { get; init; }
    public required string Url { get; set; }
    public List<string> Events { get; set; } = [];
    public List<string> ChannelIds { get; set; } = [];
    public string Description { get; set; } = "";
    public bool IsEnabled { get; set; } = true;

    /// <summary><c>manual</c>, <c>failing</c> or <c>gone</c> while disabled; null while enabled.</summary>
    public string? DisabledReason { get; set; }

    /// <summary>The first failure after the last success; null while the endpoint succeeds.</summary>
    public DateTimeOffset? FailingSince { get; set; }

    /// <summary><c>gcm</c> or <c>cbc</c> while bodies are encrypted; null otherwise.</summary>
    public string? EncryptionMode { get; set; }

    // The partner's key and the signing secrets as StoredSecrets stores them (encrypted), never in plaintext.
    public string? ProtectedEncryptionKey { get; set; }
    public required string ProtectedSecret { get; set; }
    public string? ProtectedPreviousSecret { get; set; }
    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
