using Npgsql;
using ReturningAi.TestSupport;

namespace ReturningAi.TestStack;

/// <summary>Reads the store's database directly, to check what a request really left behind.</summary>
public static class StoreDatabase
{
    // Unpooled: the fault tests restart PostgreSQL, which would leave pooled connections dead.
    private static readonly string ConnectionString =
        new NpgsqlConnectionStringBuilder(TestServers.PostgresConnectionString("storedb")) { Pooling = false }.ConnectionString;

    public static async Task<(long Products, long Vouchers)> CountAsync(string communityId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            // Vouchers counted through their products: the voucher key starts with the product, so this reads an index, not the table.
            "SELECT (SELECT count(*) FROM products WHERE community_id = @c), " +
            "(SELECT count(*) FROM vouchers v JOIN products p ON p.id = v.product_id WHERE p.community_id = @c)", connection);
        command.Parameters.AddWithValue("c", communityId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Every product of the community with its voucher codes, as stored (a code stored twice appears twice).</summary>
    public static async Task<Dictionary<string, List<string>>> ProductVouchersAsync(string communityId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT p.id, v.code FROM products p LEFT JOIN vouchers v ON v.product_id = p.id WHERE p.community_id = @c", connection);
        command.Parameters.AddWithValue("c", communityId);
        var products = new Dictionary<string, List<string>>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var codes = products.TryGetValue(reader.GetString(0), out var found) ? found : products[reader.GetString(0)] = [];
            if (!reader.IsDBNull(1)) codes.Add(reader.GetString(1));
        }

        return products;
    }

    /// <summary>A product's permission entries as stored (JSON text).</summary>
    public static Task<string> ProductPermissionAsync(string productId) =>
        TextAsync("SELECT product_permission::text FROM products WHERE id = @p", productId);

    /// <summary>A category's permission entries as stored (JSON text).</summary>
    public static Task<string> CategoryPermissionAsync(string categoryId) =>
        TextAsync("SELECT category_permission::text FROM categories WHERE id = @p", categoryId);

    private static async Task<string> TextAsync(string sql, string id)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("p", id);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The store's copy of a user (users.md U9), or null when it has none yet.</summary>
    public static async Task<StoredUserCopy?> UserCopyAsync(string userId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT version, username, email, status, role_ids, tag_ids FROM user_copies WHERE user_id = @id", connection);
        command.Parameters.AddWithValue("id", userId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) return null;
        return new StoredUserCopy(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
            [.. reader.GetFieldValue<string[]>(4).Order(StringComparer.Ordinal)], [.. reader.GetFieldValue<string[]>(5).Order(StringComparer.Ordinal)]);
    }

    /// <summary>
    /// Waits until the store holds its copy of a user Community created (users.md U9: USER_CREATED through the
    /// outbox): rewards routes name users the store knows, so a test buys for a user only after this.
    /// </summary>
    public static Task<StoredUserCopy?> UserCopiedAsync(string userId) =>
        Eventually.Until(() => UserCopyAsync(userId), copy => copy is not null, TimeSpan.FromSeconds(30), $"the store's copy of user {userId}");
}
