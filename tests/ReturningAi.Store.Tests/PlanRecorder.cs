using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace ReturningAi.Store.Tests;

/// <summary>
/// While <see cref="Recording"/>, asks PostgreSQL for the plan of each single statement the store's context
/// runs (EXPLAIN on the same connection and transaction, with the same parameters, so nothing executes
/// twice), to prove that a hot path walks indexes. Batches of several statements are left out.
/// </summary>
internal sealed class PlanRecorder : DbCommandInterceptor
{
    private readonly List<(string Sql, JsonElement Plan)> _plans = [];

    public bool Recording { get; set; }

    public IReadOnlyList<(string Sql, JsonElement Plan)> Plans
    {
        get { lock (_plans) return [.. _plans]; }
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await ExplainAsync(command, cancellationToken);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await ExplainAsync(command, cancellationToken);
        return result;
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await ExplainAsync(command, cancellationToken);
        return result;
    }

    private async Task ExplainAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var sql = command.CommandText.Trim().TrimEnd(';');
        if (!Recording || sql.Contains(';', StringComparison.Ordinal)) return;
        await using var explain = new NpgsqlCommand("EXPLAIN (FORMAT JSON) " + sql, (NpgsqlConnection)command.Connection!, (NpgsqlTransaction?)command.Transaction);
        foreach (NpgsqlParameter parameter in command.Parameters) explain.Parameters.Add(parameter.Clone());
        using var plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync(cancellationToken))!);
        lock (_plans) _plans.Add((sql, plan.RootElement[0].GetProperty("Plan").Clone()));
    }

    /// <summary>Every node of a plan, depth first.</summary>
    public static IEnumerable<JsonElement> Nodes(JsonElement plan)
    {
        yield return plan;
        if (!plan.TryGetProperty(nameof(Plans), out var children)) yield break;
        foreach (var child in children.EnumerateArray())
        {
            foreach (var node in Nodes(child)) yield return node;
        }
    }
}
