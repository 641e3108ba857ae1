using ReturningAi.Contracts.Webhooks;

namespace ReturningAi.Community.Apis;

/// <summary>The incoming webhook settings' examples for the API reference.</summary>
public static class IncomingExamples
{
    private static readonly DateTimeOffset Created = DateTimeOffset.Parse("2026-01-05T09:30:00.000Z", System.Globalization.CultureInfo.InvariantCulture);

    public static IncomingWebhookSettingsDto Settings { get; } =
        new(new IncomingApiKeyDto(true, Created, null), new WebhookEncryptionDto(true, "gcm"));

    public static IncomingWebhookSettingsDto SettingsWithKey { get; } = new IncomingWebhookSettingsDto(
        new IncomingApiKeyDto(true, Created.AddDays(30), Created.AddDays(31)), new WebhookEncryptionDto(false, null))
    {
        Key = "rai_9f8c2b6d0e4a4c1b8a7e5d3c2b1a0f9e8d7c6b5a4f3e2d1c",
    };
}
