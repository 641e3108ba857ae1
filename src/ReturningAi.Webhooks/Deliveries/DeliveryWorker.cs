using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.Webhooks.Infrastructure;
using ReturningAi.Webhooks.Model;

namespace ReturningAi.Webhooks.Deliveries;

/// <summary>
/// <see cref="WebhookOptions.Concurrency"/> loops per instance, each making one attempt at a time. The first
/// looks for due deliveries every <see cref="WebhookOptions.PollInterval"/>; the others sleep until this instance
/// made a delivery due or a loop found work, so an idle instance asks the database once a poll. The first also
/// clears out deliveries and events past their retention.
/// </summary>
public sealed class DeliveryWorker(IServiceScopeFactory scopes, DeliverySignal signal, IOptions<WebhookOptions> options,
    TimeProvider time, ILogger<DeliveryWorker> logger) : BackgroundService
{
    private static readonly TimeSpan HousekeepingInterval = TimeSpan.FromHours(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.Concurrency)).Select(loop => RunAsync(loop, stoppingToken)));

    private async Task RunAsync(int loop, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var nextHousekeeping = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (loop == 0 && time.GetUtcNow() >= nextHousekeeping)
                {
                    await HousekeepAsync(stoppingToken);
                    nextHousekeeping = time.GetUtcNow() + HousekeepingInterval;
                }

                if (await AttemptAsync(stoppingToken))
                {
                    signal.Pulse();
                    continue;
                }

                await signal.WaitAsync(loop == 0 ? options.Value.PollInterval : Timeout.InfiniteTimeSpan, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The database away or a bug in one delivery: the transaction rolled back, the delivery stays due.
                logger.LogWarning(exception, "A delivery attempt failed before its result was recorded; it is retried");
                ConnectionLoss.ClearPoolsIfLost(exception);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task<bool> AttemptAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DeliveryAttempts>().AttemptNextAsync(stoppingToken);
    }

    private async Task HousekeepAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebhooksDbContext>();
        var before = time.GetUtcNow() - options.Value.Retention;
        await db.Deliveries.Where(d => d.CreatedAt < before && d.State != DeliveryStates.Pending).ExecuteDeleteAsync(stoppingToken);
        await db.Events.Where(e => e.RecordedAt < before && !db.Deliveries.Any(d => d.EventId == e.Id)).ExecuteDeleteAsync(stoppingToken);
    }
}
