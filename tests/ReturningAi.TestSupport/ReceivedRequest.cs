using System.Text;

namespace ReturningAi.TestSupport;

/// <summary>One request as <see cref="WebhookReceiver"/> got it: raw body bytes and headers (names lower case).</summary>
public sealed record ReceivedRequest(string Path, DateTimeOffset At, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;

    public string WebhookId => Header("webhook-id") ?? "";
}
