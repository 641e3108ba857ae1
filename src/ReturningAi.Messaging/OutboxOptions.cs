namespace ReturningAi.Messaging;

/// <summary>How the dispatcher works (configuration section <c>Outbox</c>); the defaults suit every service.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>How often the dispatcher looks without being notified (LISTEN/NOTIFY wakes it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the dispatcher lets commits gather after it is woken before it reads: under load, fewer and
    /// fuller rounds (two queries a round, whatever its size); in every case this much more delay.
    /// </summary>
    public TimeSpan CoalesceDelay { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>How often an instance that is not dispatching checks whether the dispatching one is gone.</summary>
    public TimeSpan StandbyInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows read and published per round.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Sources published side by side; each source's rows one after another.</summary>
    public int ParallelSources { get; set; } = 8;

    /// <summary>How long one publish may take before the broker is taken to be away (cf. the store's BrokerPatience).</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait after a failed round (the broker or the database away) before the next.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a gap in positions may hold back later rows: a gap is a transaction that has written its
    /// events and not yet committed (milliseconds), or one whose commit failed (never filled).
    /// </summary>
    public TimeSpan GapTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Sent rows are deleted after this long.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Inbox rows are deleted after this long: longer than any message may wait to be redelivered.</summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(10);
}
