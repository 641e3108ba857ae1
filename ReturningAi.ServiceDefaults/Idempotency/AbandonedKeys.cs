using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ReturningAi.ServiceDefaults.Idempotency;

/// <summary>
/// Keys whose request failed while the database was away, so that they could not be let go at once:
/// released here as soon as the database answers again (tried every second), so that the partner's
/// retry is carried out rather than told for <see cref="IdempotencyKey.StaleAfter"/> that it is still
/// running. Each release is fenced by the start time of the attempt that failed: a key taken over
/// since (a redelivery of the same message) is left alone. Given up well before the key goes stale.
/// </summary>
public sealed class AbandonedKeys<TContext>(IServiceScopeFactory scopes, TimeProvider time, ILogger<AbandonedKeys<TContext>> logger)
    : BackgroundService
    where TContext : DbContext
{
    private static readonly TimeSpan GiveUpAfter = IdempotencyKey.StaleAfter / 2;
    private readonly Channel<AbandonedKey> _added = Channel.CreateUnbounded<AbandonedKey>();

    internal void Add(string scope, string key, DateTimeOffset startedAt) =>
        _added.Writer.TryWrite(new AbandonedKey(scope, key, startedAt, time.GetUtcNow()));

    internal static Task<int> ReleaseAsync(TContext db, string scope, string key, DateTimeOffset startedAt, CancellationToken cancellationToken) =>
        db.Set<IdempotencyRecord>().Where(r => r.Scope == scope && r.Key == key && !r.Completed && r.StartedAt == startedAt)
            .ExecuteDeleteAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var waiting = new List<AbandonedKey>();
        while (!stoppingToken.IsCancellationRequested)
        {
            if (waiting.Count == 0) await _added.Reader.WaitToReadAsync(stoppingToken);
            while (_added.Reader.TryRead(out var added)) waiting.Add(added);

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TContext>();
                foreach (var abandoned in waiting.ToList())
                {
                    await ReleaseAsync(db, abandoned.Scope, abandoned.Key, abandoned.StartedAt, stoppingToken);
                    waiting.Remove(abandoned);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The database is still away: try again in a second.
            }

            var now = time.GetUtcNow();
            var givenUp = waiting.RemoveAll(k => k.AbandonedAt + GiveUpAfter < now);
            if (givenUp > 0) logger.LogWarning("Gave up releasing {Count} idempotency keys; they go stale by themselves", givenUp);
            if (waiting.Count > 0) await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
        }
    }

    private sealed record AbandonedKey(string Scope, string Key, DateTimeOffset StartedAt, DateTimeOffset AbandonedAt);
}
