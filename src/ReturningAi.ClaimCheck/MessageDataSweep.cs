using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ReturningAi.ClaimCheck;

/// <summary>
/// Deletes the payloads whose message was never consumed (it expired in the queue, or its consumer gave up), once
/// they expire. Every instance sweeps; a delete of rows already gone costs nothing.
/// </summary>
public sealed partial class MessageDataSweep(PostgresMessageDataRepository repository, IOptions<ClaimCheckOptions> options, ILogger<MessageDataSweep> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SweepIntervalSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var swept = await repository.SweepAsync(stoppingToken);
                if (swept > 0) LogSwept(swept);
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                // The database is away: the next round tries again.
                LogFailed(exception.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Swept {Count} expired message payloads")]
    private partial void LogSwept(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not sweep expired message payloads: {Reason}")]
    private partial void LogFailed(string reason);
}
