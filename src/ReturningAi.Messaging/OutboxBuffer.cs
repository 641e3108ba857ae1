using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;

namespace ReturningAi.Messaging;

/// <summary>
/// The events a DbContext's unit of work has added and not yet written. They follow its data: kept
/// when a SaveChanges succeeds; dropped when it fails, when a savepoint they were added after rolls
/// back, or when the transaction they were added in ends without committing; written when it commits.
/// An event added outside any transaction belongs to the next one (SaveChanges's own, or one begun
/// for it). A pooled context's next lease never sees the events of the previous one.
/// </summary>
internal sealed class OutboxBuffer
{
    private static readonly ConditionalWeakTable<DbContext, OutboxBuffer> Buffers = new();

    private readonly List<(OutboxEntry Entry, Guid? Transaction)> _events = [];
    private readonly Stack<int> _savepoints = new();
    private DbContextId _lease;
    private int _saved;

    public bool HasEvents => _events.Count > 0;

    /// <summary>Events added outside any transaction, waiting for the next one.</summary>
    public bool HasUntransactedEvents => _events.Exists(e => e.Transaction is null);

    /// <summary>The transaction that wrote events as it committed: once it has, the dispatcher is woken.</summary>
    public Guid? NotifyAfter { get; set; }

    /// <summary>The context's behaviour before an event made SaveChanges take a transaction.</summary>
    public AutoTransactionBehavior? BehaviorToRestore { get; set; }

    public static OutboxBuffer Of(DbContext context)
    {
        var buffer = Buffers.GetValue(context, _ => new OutboxBuffer());
        if (buffer._lease != context.ContextId)
        {
            buffer.Clear();
            buffer._lease = context.ContextId;
        }

        return buffer;
    }

    public void Add(OutboxEntry entry, Guid? transaction) => _events.Add((entry, transaction));

    public void Saved() => _saved = _events.Count;

    /// <summary>A SaveChanges failed: the events added for its changes go, those of earlier work stay.</summary>
    public void SaveFailed() => Truncate(Math.Max(_saved, _savepoints.TryPeek(out var savepoint) ? savepoint : 0));

    public void SavepointCreated() => _savepoints.Push(_events.Count);

    public void SavepointReleased() => _savepoints.TryPop(out _);

    public void SavepointRolledBack()
    {
        if (_savepoints.TryPop(out var count)) Truncate(count);
    }

    /// <summary>
    /// The events of the transaction that is committing (added in it, or before it outside any); the
    /// buffer starts over, forgetting events of transactions that ended without a commit.
    /// </summary>
    public List<OutboxEntry> Take(Guid committing)
    {
        var events = _events.Where(e => e.Transaction is null || e.Transaction == committing).Select(e => e.Entry).ToList();
        Clear();
        return events;
    }

    public void Clear()
    {
        _events.Clear();
        _savepoints.Clear();
        _saved = 0;
    }

    private void Truncate(int count)
    {
        if (count < _events.Count) _events.RemoveRange(count, _events.Count - count);
        _saved = Math.Min(_saved, _events.Count);
    }
}
