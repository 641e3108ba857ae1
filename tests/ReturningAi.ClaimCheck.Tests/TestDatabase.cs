using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using ReturningAi.TestSupport;

namespace ReturningAi.ClaimCheck.Tests;

/// <summary>A fresh database on the real PostgreSQL, migrated as the services migrate it; dropped afterwards.</summary>
public sealed class TestDatabase : IAsyncLifetime
{
    public string Name { get; } = TestServers.UniqueDatabaseName("claimcheck");

    public string ConnectionString => TestServers.PostgresConnectionString(Name);

    public PostgresMessageDataRepository Repository(int defaultTimeToLiveSeconds = 3600) =>
        new(NpgsqlDataSource.Create(ConnectionString), Options.Create(new ClaimCheckOptions { DefaultTimeToLiveSeconds = defaultTimeToLiveSeconds }));

    public async Task InitializeAsync()
    {
        TestServers.EnsureReachable();
        await using var db = new ClaimCheckDbContext(new DbContextOptionsBuilder<ClaimCheckDbContext>().UseNpgsql(ConnectionString).Options);
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await TestServers.DropDatabaseAsync(Name);
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
