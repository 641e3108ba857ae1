using Microsoft.Extensions.Options;
using ReturningAi.Jobs.Jobs;

namespace ReturningAi.Jobs.Worker;

/// <summary>
/// Runs bulk jobs in the background, <see cref="JobOptions.Concurrency"/> at a time per instance: claims one
/// (<see cref="JobLeases"/>), keeps its lease alive while <see cref="JobRunner"/> works, and stops working on it as
/// soon as the lease is lost. Idle, it waits for an upload's signal or the next poll.
/// </summary>
public sealed class JobWorker(IServiceScopeFactory scopes, JobSignal signal, IOptions<JobOptions> options, ILogger<JobWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.Concurrency)).Select(_ => LoopAsync(stoppingToken)).Append(HousekeepingAsync(stoppingToken)));

    /// <summary>Once an hour, in every instance (a delete twice is harmless): jobs past their keeping time go.</summary>
    private async Task HousekeepingAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var forgotten = await scope.ServiceProvider.GetRequiredService<JobLeases>().ForgetOldAsync(stoppingToken);
                if (forgotten > 0) logger.LogInformation("Deleted {Count} jobs finished over {Days} days ago", forgotten, options.Value.KeepDays);
                await Task.Delay(TimeSpan.FromHours(1), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Could not delete old jobs; trying again in a minute");
                await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await RunOneAsync(stoppingToken))
                {
                    await signal.WaitAsync(TimeSpan.FromMilliseconds(options.Value.PollMilliseconds), stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The database or broker away: the lease lapses and this or another instance takes the job over.
                logger.LogError(exception, "A bulk job worker failed; trying again");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task<bool> RunOneAsync(CancellationToken stoppingToken)
    {
        var owner = Guid.NewGuid();
        string? jobId;
        await using (var scope = scopes.CreateAsyncScope())
        {
            jobId = await scope.ServiceProvider.GetRequiredService<JobLeases>().ClaimAsync(owner, stoppingToken);
        }

        if (jobId is null) return false;
        using var lease = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewal = KeepLeaseAsync(jobId, owner, lease);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<JobRunner>().RunAsync(jobId, owner, lease.Token);
        }
        catch (OperationCanceledException) when (lease.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning("Stopped working on job {JobId}: its lease was lost", jobId);
        }
        finally
        {
            await lease.CancelAsync();
            await renewal;
        }

        return true;
    }

    /// <summary>Renews the lease a third of its length at a time; cancels the work when it is no longer this owner's.</summary>
    private async Task KeepLeaseAsync(string jobId, Guid owner, CancellationTokenSource lease)
    {
        var every = TimeSpan.FromSeconds(options.Value.LeaseSeconds / 3.0);
        while (!lease.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, lease.Token);
                await using var scope = scopes.CreateAsyncScope();
                if (!await scope.ServiceProvider.GetRequiredService<JobLeases>().RenewAsync(jobId, owner, lease.Token))
                {
                    await lease.CancelAsync();
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return; // the job ended, or the instance stops
            }
            catch (Exception exception)
            {
                // Could not renew (database away): the work goes on; its writes check the lease anyway.
                logger.LogWarning(exception, "Could not renew the lease of job {JobId}", jobId);
            }
        }
    }
}
