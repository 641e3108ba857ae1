using MassTransit;

namespace ReturningAi.Store.Consumers;

/// <summary>
/// How a product command is tried again after a failure: a few quick attempts, for a deadlock or a
/// dropped connection. A longer outage fails the command, and the partner gets its 502 in seconds
/// rather than at the deadline; the key it held is let go as soon as the database is back
/// (<see cref="ReturningAi.ServiceDefaults.Idempotency.AbandonedKeys{TContext}"/>), so its retry is carried out.
/// </summary>
internal static class CommandRetry
{
    public static void Configure(IRetryConfigurator retry) => retry.Intervals(200, 1_000, 3_000);
}
