using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using ReturningAi.Community.Infrastructure;
using ReturningAi.TestSupport;

namespace ReturningAi.Community.Tests;

/// <summary>Keys made before the finer permissions gain, by name, what their umbrella now grants (CONTRACT.md §7).</summary>
public sealed class UmbrellaPermissionsMigrationTests : IAsyncLifetime
{
    private const string MigrationBefore = "20261125223023_IdempotencyOwnerMessage";

    private readonly string _database = TestServers.UniqueDatabaseName("community_migration");

    public Task InitializeAsync()
    {
        TestServers.EnsureReachable();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => TestServers.DropDatabaseAsync(_database);

    [Fact]
    public async Task Existing_keys_are_granted_what_their_umbrella_now_grants_and_nothing_else()
    {
        await using (var db = NewContext())
        {
            await db.GetService<IMigrator>().MigrateAsync(MigrationBefore);
        }

        await ExecuteAsync("""
            INSERT INTO communities (id, name, url, created_at) VALUES ('aaaaaaaaaaaaaaaaaaaaaaaa', 'Old', 'https://old.example', now());
            INSERT INTO api_keys (id, community_id, name, permissions, token_hash, created_at) VALUES
              ('000000000000000000000001', 'aaaaaaaaaaaaaaaaaaaaaaaa', 'all', '{store,users,api-keys}', '\x01', now()),
              ('000000000000000000000002', 'aaaaaaaaaaaaaaaaaaaaaaaa', 'store', '{store}', '\x02', now()),
              ('000000000000000000000003', 'aaaaaaaaaaaaaaaaaaaaaaaa', 'users', '{users}', '\x03', now()),
              ('000000000000000000000004', 'aaaaaaaaaaaaaaaaaaaaaaaa', 'none', '{}', '\x04', now());
            """);

        await using (var db = NewContext())
        {
            await db.Database.MigrateAsync();
            var permissions = await db.ApiKeys.OrderBy(k => k.Id).Select(k => k.Permissions).ToListAsync();

            Assert.Equal(
            [
                ["store", "users", "api-keys", "purchase-history", "createUser", "userFields", "appearance", "webhooks"],
                ["store", "purchase-history"],
                ["users", "createUser", "userFields"],
                [],
            ], permissions);
        }
    }

    private CommunityDbContext NewContext() => new(new DbContextOptionsBuilder<CommunityDbContext>()
        .UseNpgsql(TestServers.PostgresConnectionString(_database))
        .UseSnakeCaseNamingConvention()
        .Options);

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString(_database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
