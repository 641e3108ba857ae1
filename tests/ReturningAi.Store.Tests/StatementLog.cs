using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ReturningAi.Store.Tests;

/// <summary>
/// While <see cref="Recording"/>, the text of each command the store's context sends and the savepoints it makes, in order:
/// what a request costs in round trips. With <see cref="TakenOrderNumber"/> set, the first order number a voucher take
/// checks is replaced by that one (a number drawn twice, which 32 random bits make too rare to meet otherwise).
/// </summary>
internal sealed partial class StatementLog : IDbCommandInterceptor, IDbTransactionInterceptor
{
    private readonly List<string> _statements = [];
    private (string Drawn, string Taken)? _replaced;

    public bool Recording { get; set; }

    public string? TakenOrderNumber { get; set; }

    public IReadOnlyList<string> Statements
    {
        get { lock (_statements) return [.. _statements]; }
    }

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult> CreatingSavepointAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (Recording) lock (_statements) _statements.Add("SAVEPOINT");
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command)
    {
        if (!Recording) return;
        foreach (DbParameter parameter in command.Parameters)
        {
            if (parameter.Value is not string value || !OrderNumber().IsMatch(value)) continue;
            if (TakenOrderNumber is { } taken && command.CommandText.Contains("SKIP LOCKED", StringComparison.Ordinal))
            {
                _replaced = (value, taken);
                TakenOrderNumber = null;
            }

            // The replaced number stands for the drawn one in every statement after, as if it had been drawn.
            if (_replaced is { } replaced && value == replaced.Drawn) parameter.Value = replaced.Taken;
        }

        lock (_statements) _statements.Add(command.CommandText);
    }

    [GeneratedRegex("^ORD[0-9]{8}[0-9A-F]{8}$")]
    private static partial Regex OrderNumber();
}
