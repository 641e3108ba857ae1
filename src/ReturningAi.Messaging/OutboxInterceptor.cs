using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace ReturningAi.Messaging;

/// <summary>
/// Writes a context's events (<see cref="Outbox.AddEvent"/>) into the transaction that carries its
/// data, as the last statement before the commit: so an event and its data commit together, and of
/// two transactions that touched the same rows, the one that committed first has the lower position.
/// Once it has committed, wakes the dispatcher (<see cref="OutboxWriter.NotifyAsync"/>).
/// A SaveChanges with events and no transaction of the caller's takes one even for a single statement
/// (EF Core leaves those without one).
/// </summary>
internal sealed class OutboxInterceptor : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public static readonly OutboxInterceptor Instance = new();

    private OutboxInterceptor()
    {
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Saving(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Saving(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Saved(eventData.Context) is { } context)
        {
            using var transaction = context.Database.BeginTransaction();
            transaction.Commit();
        }

        return result;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Saved(eventData.Context) is { } context)
        {
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return result;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Failed(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData.Context);
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => Failed(eventData.Context);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData.Context);
        return Task.CompletedTask;
    }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        if (eventData.Context is { } context && OutboxBuffer.Of(context) is { HasEvents: true } buffer)
        {
            var events = buffer.Take(eventData.TransactionId);
            OutboxWriter.Write((NpgsqlConnection)transaction.Connection!, (NpgsqlTransaction)transaction, events);
            if (events.Count > 0) buffer.NotifyAfter = eventData.TransactionId;
        }

        return result;
    }

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && OutboxBuffer.Of(context) is { HasEvents: true } buffer)
        {
            var events = buffer.Take(eventData.TransactionId);
            await OutboxWriter.WriteAsync((NpgsqlConnection)transaction.Connection!, (NpgsqlTransaction)transaction, events, cancellationToken);
            if (events.Count > 0) buffer.NotifyAfter = eventData.TransactionId;
        }

        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (Committed(eventData) is not { } connection) return;
        try
        {
            OutboxWriter.Notify(connection);
        }
        catch (NpgsqlException)
        {
            // The data is committed; the dispatcher finds the events at its next poll.
        }
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Committed(eventData) is not { } connection) return;
        try
        {
            await OutboxWriter.NotifyAsync(connection, CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // The data is committed; the dispatcher finds the events at its next poll.
        }
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Buffer(eventData)?.NotifyAfter = null;

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Buffer(eventData)?.NotifyAfter = null;
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Buffer(eventData)?.Clear();

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Buffer(eventData)?.Clear();
        return Task.CompletedTask;
    }

    public void CreatedSavepoint(DbTransaction transaction, TransactionEventData eventData) => Buffer(eventData)?.SavepointCreated();

    public Task CreatedSavepointAsync(DbTransaction transaction, TransactionEventData eventData, CancellationToken cancellationToken = default)
    {
        Buffer(eventData)?.SavepointCreated();
        return Task.CompletedTask;
    }

    public void ReleasedSavepoint(DbTransaction transaction, TransactionEventData eventData) => Buffer(eventData)?.SavepointReleased();

    public Task ReleasedSavepointAsync(DbTransaction transaction, TransactionEventData eventData, CancellationToken cancellationToken = default)
    {
        Buffer(eventData)?.SavepointReleased();
        return Task.CompletedTask;
    }

    public void RolledBackToSavepoint(DbTransaction transaction, TransactionEventData eventData) => Buffer(eventData)?.SavepointRolledBack();

    public Task RolledBackToSavepointAsync(DbTransaction transaction, TransactionEventData eventData, CancellationToken cancellationToken = default)
    {
        Buffer(eventData)?.SavepointRolledBack();
        return Task.CompletedTask;
    }

    private static OutboxBuffer? Buffer(TransactionEventData eventData) => eventData.Context is { } context ? OutboxBuffer.Of(context) : null;

    /// <summary>The connection to wake the dispatcher on, when the transaction that committed wrote events.</summary>
    private static NpgsqlConnection? Committed(TransactionEndEventData eventData)
    {
        if (eventData.Context is not { } context || OutboxBuffer.Of(context) is not { NotifyAfter: { } writer } buffer || writer != eventData.TransactionId)
        {
            return null;
        }

        buffer.NotifyAfter = null;
        return (NpgsqlConnection)context.Database.GetDbConnection();
    }

    private static void Saving(DbContext? context)
    {
        if (context is null || context.Database.CurrentTransaction is not null) return;
        var buffer = OutboxBuffer.Of(context);
        if (!buffer.HasEvents) return;
        buffer.BehaviorToRestore = context.Database.AutoTransactionBehavior;
        context.Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
    }

    /// <summary>The context, when events added outside a transaction are left because SaveChanges had nothing to save.</summary>
    private static DbContext? Saved(DbContext? context)
    {
        if (context is null) return null;
        var buffer = OutboxBuffer.Of(context);
        Restore(context, buffer);
        buffer.Saved();
        return context.Database.CurrentTransaction is null && buffer.HasUntransactedEvents ? context : null;
    }

    private static void Failed(DbContext? context)
    {
        if (context is null) return;
        var buffer = OutboxBuffer.Of(context);
        Restore(context, buffer);
        buffer.SaveFailed();
    }

    private static void Restore(DbContext context, OutboxBuffer buffer)
    {
        if (buffer.BehaviorToRestore is not { } behavior) return;
        context.Database.AutoTransactionBehavior = behavior;
        buffer.BehaviorToRestore = null;
    }
}
