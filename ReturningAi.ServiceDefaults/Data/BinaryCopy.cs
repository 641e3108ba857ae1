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
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            await writeRow(importer, row, cancellationToken);
        }

        return await importer.CompleteAsync(cancellationToken);
    }

    /// <summary>The value, or NULL when it has none.</summary>
    public static Task WriteOrNullAsync<TValue>(this NpgsqlBinaryImporter importer, TValue? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(importer);
        return value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, type, cancellationToken);
    }
}
