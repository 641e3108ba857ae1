using Npgsql;
using ReturningAi.TestSupport;

namespace ReturningAi.EndToEnd.Tests;

/// <summary>Reads the store's database directly, to check what a request really left behind.</summary>
public static class StoreDatabase
{
    public static async Task<(long Products, long Vouchers)> CountAsync(string communityId)
    {
        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString("storedb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM products WHERE community_id = @c), (SELECT count(*) FROM vouchers WHERE community_id = @c)", connection);
        command.Parameters.AddWithValue("c", communityId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
