namespace ReturningAi.Contracts.Jobs;

/// <summary>How long bulk jobs are kept (events-and-jobs.md section 3), and with them the owners' per-row markers.</summary>
public static class JobRetention
{
    public const int Days = 30;

    public static TimeSpan Keep { get; } = TimeSpan.FromDays(Days);
}
