namespace ReturningAi.Webhooks;

/// <summary>
/// Configuration section <c>Webhooks</c>. <c>AllowHttp</c> and <c>AllowedNetworks</c> of the same section are
/// the URL rules (<see cref="SafeHttp.SafeHttpOptions"/>); the defaults are production's.
/// </summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>The wait before each attempt, first to last (the contract's 8 attempts over about 27.6 h).</summary>
    public string RetrySchedule { get; set; } = "0s,5s,5m,30m,2h,5h,10h,10h";

    /// <summary>An endpoint failing this long since its last success is disabled (<c>failing</c>).</summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(5);

    public int MaxEndpointsPerCommunity { get; set; } = 20;

    /// <summary>Attempts one instance makes side by side.</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>How often an idle instance looks for due deliveries that another instance (or the clock) made due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A receiver must answer with a 2xx within this time.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Finished deliveries, and events no delivery needs any more, are kept this long.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);
}
