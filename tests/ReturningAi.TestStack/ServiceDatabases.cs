using Npgsql;
using ReturningAi.TestSupport;

namespace ReturningAi.TestStack;

/// <summary>One value from a service's own database (<c>communitydb</c>, <c>storedb</c>), to check what the stack left behind.</summary>
public static class ServiceDatabases
{
    public static async Task<long> ScalarAsync(string database, string sql, params (string Name, object Value)[] parameters)
    {
        // Unpooled: the fault tests restart PostgreSQL, which would leave pooled connections dead.
        var connectionString = new NpgsqlConnectionStringBuilder(TestServers.PostgresConnectionString(database)) { Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
