using Npgsql;

namespace ReturningAi.TestSupport;

/// <summary>
/// Makes a service's database refuse the commit of the request that completes one idempotency key, as it
/// would if it went away at that moment: a deferred trigger, checked only at the commit.
/// </summary>
public static class CommitRefusal
{
    /// <param name="key">Letters, digits and underscores: it names the trigger too.</param>
    public static Task RefuseAsync(string database, string key) => ExecuteAsync(database, $$"""
        CREATE FUNCTION refuse_{{key}}() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN IF NEW.key = '{{key}}' AND NEW.completed THEN RAISE EXCEPTION 'commit refused'; END IF; RETURN NEW; END $$;
        CREATE CONSTRAINT TRIGGER refuse_{{key}} AFTER UPDATE ON idempotency_records
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_{{key}}();
        """);

    public static Task AllowAsync(string database, string key) => ExecuteAsync(database, $"DROP TRIGGER refuse_{key} ON idempotency_records");

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
