namespace ReturningAi.Contracts.Webhooks;

/// <summary>The incoming webhook routes (events-and-jobs.md §2), as services see them (the path after <c>/apis</c>, also GCM's additional data).</summary>
public static class IncomingWebhookPaths
{
    public const string UserFields = "/webhooks/incoming/user-fields";
    public const string Currency = "/webhooks/incoming/currency";
    public const string EncryptedHeader = "x-encrypted";
}
