namespace ReturningAi.TestSupport;

/// <summary>How <see cref="WebhookReceiver"/> answers one request.</summary>
public sealed record ReceiverAnswer(int Status, string? RetryAfter = null, string? Location = null, bool Hang = false, bool Close = false,
    TimeSpan Delay = default)
{
    public static ReceiverAnswer Ok { get; } = new(200);

    public static ReceiverAnswer Code(int status, string? retryAfter = null) => new(status, retryAfter);

    /// <summary>Never answers: the sender's timeout ends it.</summary>
    public static ReceiverAnswer Timeout { get; } = new(0, Hang: true);

    /// <summary>Drops the connection without an answer.</summary>
    public static ReceiverAnswer CloseConnection { get; } = new(0, Close: true);

    public static ReceiverAnswer Redirect(string location) => new(302, Location: location);

    /// <summary>A 200 after a while, so that attempts overlap if they ever would.</summary>
    public static ReceiverAnswer Slow(TimeSpan delay) => new(200, Delay: delay);
}
