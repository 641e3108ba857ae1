using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Webhooks;

/// <summary>
/// A community's incoming webhook settings: whether its incoming key is on (never the key but in the answer that made it,
/// <c>key</c>) and the encryption its calls must use (never the encryption key).
/// </summary>
public sealed record IncomingWebhookSettingsDto(IncomingApiKeyDto ApiKey, WebhookEncryptionDto Encryption)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Key { get; init; }
}
