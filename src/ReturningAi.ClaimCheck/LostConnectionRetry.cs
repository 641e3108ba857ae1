using Npgsql;
using Polly;
using Polly.Retry;

namespace ReturningAi.ClaimCheck;

/// <summary>
/// Retries a statement that met a pooled connection the server had already closed (PostgreSQL restarted, or the backend
/// terminated: 57P01 on first use), after clearing the pool so that the other idle connections it holds, dead alike, are
/// not handed out next. Only for statements that are safe to run again: a read, a delete, or an insert under a fresh id.
/// </summary>
internal static class LostConnectionRetry
{
    public static ResiliencePipeline Create(NpgsqlDataSource dataSource) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(IsLostConnection),
            MaxRetryAttempts = 2,
            Delay = TimeSpan.FromMilliseconds(100),
            OnRetry = _ =>
            {
                dataSource.Clear();
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    /// <summary>
    /// The connection, not the statement, failed: class 08, the server shutting down or starting (57P01–57P03), or Npgsql
    /// losing the server mid-request. Any other answer from a running server (a constraint, a syntax error) is not retried.
    /// </summary>
    public static bool IsLostConnection(NpgsqlException exception) => exception is PostgresException postgres
        ? postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
        : exception.IsTransient;
}
