using System.Data;
using Npgsql;
using ReturningAi.ServiceDefaults.Data;

namespace ReturningAi.Community.Members;

/// <summary>
/// Runs a search's count (<see cref="UserSearchQuery.Count"/>) without nested loops, in the search's transaction, so that
/// its plan is hash joins over the sets it reads whatever the statistics say. They can say nothing: the fields of a
/// community made after the last ANALYZE of <c>user_field_values</c> (which autovacuum repeats only after a tenth of the
/// table changed) are estimated at one row each, and a count planned from that loops over the users and reads a field's
/// whole index range for each (520 users among bench g's 100,000: 37.5 M buffers, 60 s; without nested loops 1,429
/// buffers, 9 ms). A count reads every match anyway, so a hash over each set is its right plan.
/// The search's statements are planned for their values every time (<see cref="CustomPlans"/>): the service prepares the
/// statements it repeats (<see cref="ServiceDefaults.Data.PreparedStatements"/>), and a plan made once for any values would
/// serve a broad select as it serves a rare one.
/// </summary>
internal static class UserSearchCount
{
    /// <summary>What the search's transaction sets before the count.</summary>
    public const string Settings = "SET LOCAL enable_nestloop = off";

    public const string CustomPlans = "SET LOCAL plan_cache_mode = force_custom_plan";

    /// <summary>
    /// The count's total, and the matching ids when it returned them, in the search's transaction; nested loops are allowed
    /// again after it, for the page.
    /// </summary>
    public static async Task<(int Total, string[]? Ids)> ReadAsync(NpgsqlTransaction transaction, string sql, NpgsqlParameter[] parameters,
        CancellationToken cancellationToken)
    {
        var count = new NpgsqlBatchCommand(sql);
        count.Parameters.AddRange(parameters);
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction)
        {
            BatchCommands = { new NpgsqlBatchCommand(CustomPlans), new NpgsqlBatchCommand(Settings), count, new NpgsqlBatchCommand("RESET enable_nestloop") },
        };
        (int Total, string[]? Ids) counted;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            // Past the SETs' results, which have no columns, to the count's.
            while (reader.FieldCount == 0)
            {
                if (!await reader.NextResultAsync(cancellationToken)) throw new InvalidOperationException("The search's count returned no row.");
            }

            await reader.ReadAsync(cancellationToken);
            counted = (reader.GetFieldValue<int>("total"), reader.NullableColumn<string[]>("ids"));
        }

        return counted;
    }
}
