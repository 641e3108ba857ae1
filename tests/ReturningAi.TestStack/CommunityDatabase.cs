using Npgsql;
using ReturningAi.TestSupport;

namespace ReturningAi.TestStack;

/// <summary>Reads Community's database directly, to check what a request really left behind.</summary>
public static class CommunityDatabase
{
    // Unpooled: the fault tests restart PostgreSQL, which would leave pooled connections dead.
    private static readonly string ConnectionString =
        new NpgsqlConnectionStringBuilder(TestServers.PostgresConnectionString("communitydb")) { Pooling = false }.ConnectionString;

    /// <summary>The stored response of each idempotency record of a scope (a community's id, or "platform"), as text.</summary>
    public static async Task<Dictionary<string, string>> IdempotencyResponsesAsync(string scope)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT key, convert_from(coalesce(response_body, ''::bytea), 'UTF8') FROM idempotency_records WHERE scope = @s", connection);
        command.Parameters.AddWithValue("s", scope);
        var responses = new Dictionary<string, string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) responses[reader.GetString(0)] = reader.GetString(1);
        return responses;
    }
}
