using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace ReturningAi.Contracts.Webhooks;

// The request bodies of the webhook routes, for the API reference; the service reads each field itself.

[Description("A new endpoint. Its signing secret is shown once, in the answer.")]
public sealed record WebhookEndpointCreate(
    [property: MaxLength(2048), Description("Absolute https URL (http only where the deployment allows it); no user-info or fragment.")] string Url,
    [property: Description("1-50 event types, or [\"*\"] for every type, future ones too.")] IReadOnlyList<string> Events,
    [property: Description("Channels whose channel.message_posted events it gets; empty for all (at most 100).")] IReadOnlyList<string>? ChannelIDs = null,
    [property: MaxLength(500)] string? Description = null,
    bool? IsEnabled = null,
    WebhookEncryptionSettings? Encryption = null);

[Description("A partial update of an endpoint: only the fields sent change.")]
public sealed record WebhookEndpointUpdate(
    [property: MaxLength(2048)] string? Url = null,
    IReadOnlyList<string>? Events = null,
    IReadOnlyList<string>? ChannelIDs = null,
    [property: MaxLength(500)] string? Description = null,
    [property: Description("true re-checks the URL and clears disabledReason and failingSince.")] bool? IsEnabled = null,
    WebhookEncryptionSettings? Encryption = null);

[Description("Body encryption: off, or AES-256 in gcm (default) or cbc mode with a key of 32 printable ASCII characters you choose.")]
public sealed record WebhookEncryptionSettings(
    bool IsEnabled,
    [property: Description("gcm or cbc.")] string? Mode = null,
    [property: MinLength(32), MaxLength(32)] string? Key = null);
