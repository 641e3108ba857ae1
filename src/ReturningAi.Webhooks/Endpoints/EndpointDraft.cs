using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Webhooks.Endpoints;

/// <summary>An endpoint body as read: null for each field not sent.</summary>
public sealed record EndpointDraft(
    string? Url,
    IReadOnlyList<string>? Events,
    IReadOnlyList<string>? ChannelIds,
    string? Description,
    bool? IsEnabled,
    EncryptionDraft? Encryption);
