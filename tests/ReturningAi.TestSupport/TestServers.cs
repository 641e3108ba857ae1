using System.Net.Sockets;
using Npgsql;

namespace ReturningAi.TestSupport;

/// <summary>
/// Where the real PostgreSQL, RabbitMQ and Redis of the tests are (eng/infra.sh's ports unless the
/// environment says otherwise), and a loud failure, never a skip, when they are not there.
/// </summary>
public static class TestServers
{
    private const string HowToStart =
        "Start the servers with 'eng/infra.sh start' (or run every test with './build.sh test', which does it).";

    public static int PostgresPort => EnvironmentInt("RETURNINGAI_PG_PORT", 55432);

    public static int RabbitMqPort => EnvironmentInt("RETURNINGAI_RABBITMQ_PORT", 55672);

    public static int RedisPort => EnvironmentInt("RETURNINGAI_REDIS_PORT", 56379);

    public static string RedisConnectionString => $"127.0.0.1:{RedisPort}";

    public static string PostgresPassword => Environment.GetEnvironmentVariable("RETURNINGAI_PG_PASSWORD") ?? "returningai-dev";

    public static string RabbitMqConnectionString => $"amqp://guest:guest@127.0.0.1:{RabbitMqPort}";

    public static string PostgresConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = PostgresPort,
            Database = database,
            Username = "postgres",
            Password = PostgresPassword,
        }.ConnectionString;

    /// <summary>Throws, with how to start them, unless both servers answer.</summary>
    public static void EnsureReachable()
    {
        EnsurePort("PostgreSQL", PostgresPort);
        EnsurePort("RabbitMQ", RabbitMqPort);
    }

    /// <summary>Throws, with how to start it, unless Redis answers (the gateway's shared rate limits).</summary>
    public static void EnsureRedisReachable() => EnsurePort("Redis", RedisPort);

    /// <summary>A fresh database name, so that every test run starts from an empty schema.</summary>
    public static string UniqueDatabaseName(string prefix) => $"{prefix}_{Guid.NewGuid():N}";

    public static async Task DropDatabaseAsync(string database)
    {
        await using var connection = new NpgsqlConnection(PostgresConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static void EnsurePort(string server, int port)
    {
        try
        {
            using var client = new TcpClient();
            if (client.ConnectAsync("127.0.0.1", port).Wait(TimeSpan.FromSeconds(2)) && client.Connected) return;
        }
        catch (AggregateException)
        {
        }

        throw new InvalidOperationException($"{server} does not answer on 127.0.0.1:{port}. {HowToStart}");
    }

    private static int EnvironmentInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) ? value : fallback;
}
