using Npgsql;
using NpgsqlTypes;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.Store.Model;

namespace ReturningAi.Store.Wallets;

/// <summary>
/// Writes ledger entries by binary COPY (<see cref="BinaryCopy"/>) in the caller's transaction: a bulk job's chunk of
/// thousands of entries in one stream. The entries come from <see cref="WalletBook.Change"/>, under their wallets' locks.
/// </summary>
internal static class LedgerCopy
{
    private const string Copy = """
        COPY ledger_entries (id, community_id, user_id, operation, amount, delta, balance, reason, reference, source, order_id, job_id, job_row, api_key_id, created_at)
        FROM STDIN (FORMAT BINARY)
        """;

    public static Task<ulong> WriteAsync(NpgsqlConnection connection, IEnumerable<LedgerEntry> entries, CancellationToken cancellationToken) =>
        BinaryCopy.WriteAsync(connection, Copy, entries, async (importer, entry, token) =>
        {
            await importer.WriteAsync(entry.Id, NpgsqlDbType.Char, token);
            await importer.WriteAsync(entry.CommunityId, NpgsqlDbType.Char, token);
            await importer.WriteAsync(entry.UserId, NpgsqlDbType.Char, token);
            await importer.WriteAsync(entry.Operation, NpgsqlDbType.Varchar, token);
            await importer.WriteAsync(entry.Amount, NpgsqlDbType.Numeric, token);
            await importer.WriteAsync(entry.Delta, NpgsqlDbType.Numeric, token);
            await importer.WriteAsync(entry.Balance, NpgsqlDbType.Numeric, token);
            await importer.WriteAsync(entry.Reason, NpgsqlDbType.Varchar, token);
            await importer.WriteOrNullAsync(entry.Reference, NpgsqlDbType.Varchar, token);
            await importer.WriteAsync(entry.Source, NpgsqlDbType.Varchar, token);
            await importer.WriteOrNullAsync(entry.OrderId, NpgsqlDbType.Char, token);
            await importer.WriteOrNullAsync(entry.JobId, NpgsqlDbType.Char, token);
            await importer.WriteOrNullAsync(entry.JobRow, NpgsqlDbType.Integer, token);
            await importer.WriteOrNullAsync(entry.ApiKeyId, NpgsqlDbType.Char, token);
            await importer.WriteAsync(entry.CreatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, token);
        }, cancellationToken);
}
