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

    /// <summary>A user's version as stored (users.md U9: +1 per write).</summary>
    public static async Task<long> UserVersionAsync(string userId)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version FROM users WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", userId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>How many events of the outbox carry <paramref name="text"/> in their body (sent or not).</summary>
    public static async Task<long> OutboxEventsContainingAsync(string text)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE strpos(body::text, @t) > 0", connection);
        command.Parameters.AddWithValue("t", text);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Makes the database refuse, at its commit, the transaction that writes a field history item with this
    /// reference, as it would if it went away at that moment (a deferred trigger). The reference names the trigger:
    /// letters, digits and underscores.
    /// </summary>
    public static Task RefuseCommitOfHistoryAsync(string reference) => ExecuteAsync($$"""
        CREATE FUNCTION refuse_{{reference}}() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN IF NEW.reference = '{{reference}}' THEN RAISE EXCEPTION 'commit refused'; END IF; RETURN NEW; END $$;
        CREATE CONSTRAINT TRIGGER refuse_{{reference}} AFTER INSERT ON user_field_history
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_{{reference}}();
        """);

    public static Task AllowCommitOfHistoryAsync(string reference) =>
        ExecuteAsync($"DROP TRIGGER refuse_{reference} ON user_field_history; DROP FUNCTION refuse_{reference}();");

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
