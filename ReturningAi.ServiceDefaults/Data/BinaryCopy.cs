using Npgsql;
using NpgsqlTypes;

namespace ReturningAi.ServiceDefaults.Data;

/// <summary>
/// PostgreSQL's binary COPY of many rows on the caller's connection, and so inside its transaction: one stream where
/// EF Core's batched inserts cost a statement a row. Constraints, keys and defaults hold as for inserts.
/// </summary>
public static class BinaryCopy
{
    /// <param name="copy">The statement, <c>COPY table (columns) FROM STDIN (FORMAT BINARY)</c>.</param>
    /// <param name="writeRow">Writes one row's columns in the statement's order (the row is started).</param>
    public static async Task<ulong> WriteAsync<T>(NpgsqlConnection connection, string copy, IEnumerable<T> rows,
        Func<NpgsqlBinaryImporter, T, CancellationToken, Task> writeRow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(writeRow);
        await using var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        // The rows go without a timeout (the caller's token still cancels): with one, each flush of Npgsql's 8 KB buffer starts
        // and stops a timer, a tenth of the Store's CPU in a currency chunk under contention for the timers' lock (dotnet-trace,
        // bench scenario i). The end of the copy, which waits for the server, has the command timeout again.
        importer.Timeout = TimeSpan.Zero;
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            await writeRow(importer, row, cancellationToken);
        }

        importer.Timeout = TimeSpan.FromSeconds(connection.CommandTimeout);
        return await importer.CompleteAsync(cancellationToken);
    }

    /// <summary>The value, or NULL when it has none.</summary>
    public static Task WriteOrNullAsync<TValue>(this NpgsqlBinaryImporter importer, TValue? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(importer);
        return value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, type, cancellationToken);
    }
}
