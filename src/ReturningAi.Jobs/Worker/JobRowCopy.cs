using Npgsql;
using NpgsqlTypes;
using ReturningAi.Jobs.Model;
using ReturningAi.ServiceDefaults.Data;

namespace ReturningAi.Jobs.Worker;

/// <summary>Writes a chunk's <see cref="JobRow"/>s by binary COPY (<see cref="BinaryCopy"/>) in the transaction of the job's counters.</summary>
internal static class JobRowCopy
{
    private const string Copy = "COPY job_rows (job_id, row, status, errors, result) FROM STDIN (FORMAT BINARY)";

    public static Task<ulong> WriteAsync(NpgsqlConnection connection, IEnumerable<JobRow> rows, CancellationToken cancellationToken) =>
        BinaryCopy.WriteAsync(connection, Copy, rows, async (importer, row, token) =>
        {
            await importer.WriteAsync(row.JobId, NpgsqlDbType.Char, token);
            await importer.WriteAsync(row.Row, NpgsqlDbType.Integer, token);
            await importer.WriteAsync(row.Status, NpgsqlDbType.Varchar, token);
            await importer.WriteAsync(row.Errors, NpgsqlDbType.Jsonb, token);
            await importer.WriteOrNullAsync(row.Result, NpgsqlDbType.Jsonb, token);
        }, cancellationToken);
}
