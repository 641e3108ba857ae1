using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;
using ReturningAi.ServiceDefaults.Data;

namespace ReturningAi.ServiceDefaults.Idempotency;

/// <summary>
/// Idempotency keys (CONTRACT.md sections 1 and 6), one implementation for the HTTP middleware and the
/// bus consumers alike. The table's primary key settles races: of two requests with one key, exactly
/// one inserts the record and proceeds; the other sees it in progress, or replays its response.
/// A record left in progress by a crashed request is taken over after <see cref="IdempotencyKey.StaleAfter"/>,
/// or at once by a redelivery of the bus message that started it.
/// </summary>
public sealed class IdempotencyKeys<TContext>(TContext db, TimeProvider time, AbandonedKeys<TContext> abandoned) where TContext : DbContext
{
    /// <summary>The start time this attempt wrote when it took the key: the fence for letting it go again.</summary>
    private DateTimeOffset? _began;

    /// <param name="ownerMessageId">The bus message carrying the request, if any (see <see cref="IdempotencyRecord.OwnerMessageId"/>).</param>
    public async Task<(IdempotencyDecision Decision, IdempotencyRecord? Stored)> BeginAsync(
        string scope, string key, byte[] requestHash, CancellationToken cancellationToken, Guid? ownerMessageId = null)
    {
        // Whole microseconds, as PostgreSQL keeps them, so that the fence compares equal.
        var now = time.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % 10));
        var set = db.Set<IdempotencyRecord>();
        // Most keys are new: one statement takes them; a key in use is looked at as below.
        var owner = new NpgsqlParameter("owner_message_id", NpgsqlDbType.Uuid) { Value = (object?)ownerMessageId ?? DBNull.Value };
        if (await db.Database.ExecuteSqlRawAsync(InsertIfNew(db), [scope, key, requestHash, now, owner], cancellationToken) == 1)
        {
            _began = now;
            return (IdempotencyDecision.Proceed, null);
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var existing = await set.AsNoTracking().SingleOrDefaultAsync(r => r.Scope == scope && r.Key == key, cancellationToken);
            if (existing is null)
            {
                set.Add(new IdempotencyRecord { Scope = scope, Key = key, RequestHash = requestHash, StartedAt = now, OwnerMessageId = ownerMessageId });
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    _began = now;
                    return (IdempotencyDecision.Proceed, null);
                }
                catch (DbUpdateException exception) when (PostgresErrors.IsUniqueViolation(exception))
                {
                    db.ChangeTracker.Clear(); // another request took the key first: look again
                    continue;
                }
            }

            var expired = existing.StartedAt + IdempotencyKey.Lifetime < now;
            var abandoned = !existing.Completed && existing.StartedAt + IdempotencyKey.StaleAfter < now;
            var redelivered = !existing.Completed && ownerMessageId is not null && existing.OwnerMessageId == ownerMessageId;
            if (expired || abandoned || redelivered)
            {
                // Take the key over, but only if nobody else did since we looked.
                var taken = await set.Where(r => r.Scope == scope && r.Key == key && r.StartedAt == existing.StartedAt)
                    .ExecuteUpdateAsync(u => u
                        .SetProperty(r => r.RequestHash, requestHash).SetProperty(r => r.Completed, false)
                        .SetProperty(r => r.ResponseStatus, (int?)null).SetProperty(r => r.ResponseBody, (byte[]?)null)
                        .SetProperty(r => r.StartedAt, now).SetProperty(r => r.OwnerMessageId, ownerMessageId), cancellationToken);
                if (taken == 1)
                {
                    _began = now;
                    return (IdempotencyDecision.Proceed, null);
                }

                continue;
            }

            if (!CryptographicOperations.FixedTimeEquals(existing.RequestHash, requestHash)) return (IdempotencyDecision.Reused, existing);
            return existing.Completed ? (IdempotencyDecision.Replay, existing) : (IdempotencyDecision.InProgress, existing);
        }

        return (IdempotencyDecision.InProgress, null);
    }

    /// <summary>
    /// Carries out <paramref name="work"/> in one transaction with the key's completion: its data, the events it
    /// wrote and the answer kept for replays commit together, so that a database lost in between can no longer
    /// leave the key "in progress" over committed data. <paramref name="answer"/> gives what to keep, or null for
    /// a failure on our side (5xx): then nothing commits and the key is let go, as it is when the work throws.
    /// Work that begins its own transaction joins this one (<see cref="Data.NestedTransaction"/>).
    /// </summary>
    public async Task<TResult> CarryOutAsync<TResult>(string scope, string key, Func<Task<TResult>> work,
        Func<TResult, (int Status, string? ContentType, byte[] Body)?> answer)
    {
        TResult result;
        (int Status, string? ContentType, byte[] Body)? kept;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            result = await work();
            kept = answer(result);
            if (kept is { } stored)
            {
                await CompleteAsync(scope, key, stored.Status, stored.ContentType, stored.Body, CancellationToken.None);
                await transaction.CommitAsync(CancellationToken.None);
            }
        }
        catch
        {
            // The transaction is gone (disposed above), so the release runs on its own.
            await AbandonAsync(scope, key);
            throw;
        }

        if (kept is null) await AbandonAsync(scope, key);
        return result;
    }

    /// <summary>The insert of a new key that leaves one in use alone, in the context's names (one per context type).</summary>
    private static string InsertIfNew(TContext db)
    {
        if (_insertIfNew is { } sql) return sql;
        var entity = db.Model.FindEntityType(typeof(IdempotencyRecord))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => $"\"{entity.FindProperty(property)!.GetColumnName(table)}\"";
        var name = (entity.GetSchema() is { } schema ? $"\"{schema}\"." : "") + $"\"{entity.GetTableName()}\"";
        return _insertIfNew = $$"""
            INSERT INTO {{name}} ({{Column(nameof(IdempotencyRecord.Scope))}}, {{Column(nameof(IdempotencyRecord.Key))}},
                {{Column(nameof(IdempotencyRecord.RequestHash))}}, {{Column(nameof(IdempotencyRecord.StartedAt))}},
                {{Column(nameof(IdempotencyRecord.OwnerMessageId))}}, {{Column(nameof(IdempotencyRecord.Completed))}})
            VALUES ({0}, {1}, {2}, {3}, {4}, FALSE) ON CONFLICT DO NOTHING
            """;
    }

    private static string? _insertIfNew;

    public Task CompleteAsync(string scope, string key, int status, string? contentType, byte[] body, CancellationToken cancellationToken) =>
        db.Set<IdempotencyRecord>().Where(r => r.Scope == scope && r.Key == key)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Completed, true).SetProperty(r => r.ResponseStatus, status)
                .SetProperty(r => r.ResponseContentType, contentType).SetProperty(r => r.ResponseBody, body), cancellationToken);

    /// <summary>
    /// The bus message holding the key will never be carried out (it expired): forget the key, so that the
    /// partner's retry is carried out at once rather than after <see cref="IdempotencyKey.StaleAfter"/>.
    /// </summary>
    public Task ReleaseAsync(string scope, string key, Guid ownerMessageId, CancellationToken cancellationToken) =>
        db.Set<IdempotencyRecord>().Where(r => r.Scope == scope && r.Key == key && !r.Completed && r.OwnerMessageId == ownerMessageId)
            .ExecuteDeleteAsync(cancellationToken);

    /// <summary>
    /// The request failed on our side (5xx): forget the key this attempt took, so that the partner's retry is
    /// carried out. When the database is the reason, the release is left to <see cref="AbandonedKeys{TContext}"/>.
    /// </summary>
    public async Task AbandonAsync(string scope, string key)
    {
        if (_began is not { } began) return;
        try
        {
            await AbandonedKeys<TContext>.ReleaseAsync(db, scope, key, began, CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            abandoned.Add(scope, key, began);
        }
    }
}
