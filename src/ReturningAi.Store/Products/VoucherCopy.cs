using Npgsql;
using NpgsqlTypes;
using ReturningAi.Contracts.Products;

namespace ReturningAi.Store.Products;

/// <summary>
/// Writes voucher rows with PostgreSQL's binary COPY, on the caller's connection and so inside its
/// transaction: about a million rows in seconds, where EF Core's change tracker takes most of a minute.
/// Codes held as one text (<see cref="VoucherCodes"/>) are written from it, without a string each.
/// </summary>
internal static class VoucherCopy
{
    public sealed record Batch(string ProductId, string CommunityId, DateTimeOffset ExpireDate, IReadOnlyList<string> Codes);

    public static async Task<long> WriteAsync(NpgsqlConnection connection, IEnumerable<Batch> batches, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY vouchers (product_id, code, community_id, expire_date) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var batch in batches)
        {
            var expireDate = batch.ExpireDate.ToUniversalTime();
            var codes = batch.Codes as VoucherCodes;
            for (var i = 0; i < batch.Codes.Count; i++)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(batch.ProductId, NpgsqlDbType.Char, cancellationToken);
                if (codes is null) await importer.WriteAsync(batch.Codes[i], NpgsqlDbType.Varchar, cancellationToken);
                else await importer.WriteAsync(codes.MemoryAt(i), NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(batch.CommunityId, NpgsqlDbType.Char, cancellationToken);
                await importer.WriteAsync(expireDate, NpgsqlDbType.TimestampTz, cancellationToken);
            }
        }

        return (long)await importer.CompleteAsync(cancellationToken);
    }
}
