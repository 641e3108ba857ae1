using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ReturningAi.ServiceDefaults.Data;

/// <summary>
/// Deletes rows of <typeparamref name="TEntity"/> older than their keeping time, once an hour in every instance (a delete
/// twice is harmless): the per-row markers of bulk jobs, kept as long as the jobs they belong to (30 days).
/// </summary>
public sealed class ExpiredRowSweep<TContext, TEntity>(IServiceScopeFactory scopes, TimeProvider time, ExpiredRowSweep<TContext, TEntity>.Settings settings,
    ILogger<ExpiredRowSweep<TContext, TEntity>> logger) : BackgroundService
    where TContext : DbContext
    where TEntity : class
{
    /// <summary>What makes a row old: its creation time and how long it is kept.</summary>
    public sealed record Settings(Expression<Func<TEntity, DateTimeOffset>> CreatedAt, TimeSpan Keep);

    /// <summary>One sweep: the rows created before now minus the keeping time go; the count deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - settings.Keep;
        var old = Expression.Lambda<Func<TEntity, bool>>(
            Expression.LessThan(settings.CreatedAt.Body, Expression.Constant(cutoff)), settings.CreatedAt.Parameters);
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TContext>().Set<TEntity>().Where(old).ExecuteDeleteAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = TimeSpan.FromHours(1);
            try
            {
                var deleted = await SweepAsync(stoppingToken);
                if (deleted > 0) logger.LogInformation("Deleted {Count} {Entity} rows older than {Days} days", deleted, typeof(TEntity).Name, settings.Keep.TotalDays);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Could not delete old {Entity} rows; trying again in a minute", typeof(TEntity).Name);
                wait = TimeSpan.FromMinutes(1);
            }

            await Task.Delay(wait, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
