using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ReturningAi.ServiceDefaults.Data;

/// <summary>
/// A transaction for a piece of work that may run inside a caller's: its own when the context has
/// none, else a savepoint in the caller's (a request whose idempotency key completes with its data).
/// Committing commits it or releases the savepoint; disposing it uncommitted undoes this work alone,
/// so the caller's transaction stays usable after a refused write (a unique violation aborts a
/// PostgreSQL transaction up to its last savepoint).
/// </summary>
public sealed class NestedTransaction : IAsyncDisposable
{
    private const string Savepoint = "nested_work";
    private readonly IDbContextTransaction _transaction;
    private readonly bool _owned;
    private bool _committed;

    private NestedTransaction(IDbContextTransaction transaction, bool owned) => (_transaction, _owned) = (transaction, owned);

    public static async Task<NestedTransaction> BeginAsync(DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is { } outer)
        {
            await outer.CreateSavepointAsync(Savepoint, cancellationToken);
            return new NestedTransaction(outer, owned: false);
        }

        return new NestedTransaction(await db.Database.BeginTransactionAsync(cancellationToken), owned: true);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_owned) await _transaction.CommitAsync(cancellationToken);
        else await _transaction.ReleaseSavepointAsync(Savepoint, cancellationToken);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned)
        {
            await _transaction.DisposeAsync();
        }
        else if (!_committed)
        {
            await _transaction.RollbackToSavepointAsync(Savepoint);
        }
    }
}
