using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ReturningAi.Community.Infrastructure;
using ReturningAi.TestSupport;

namespace ReturningAi.Community.Tests;

/// <summary>Replay records written before secrets were left out of them lose their tokens when the schema is migrated.</summary>
public sealed class RedactReplayedSecretsMigrationTests : IAsyncLifetime
{
    private readonly string _database = TestServers.UniqueDatabaseName("community_migration");

    public Task InitializeAsync()
    {
        TestServers.EnsureReachable();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => TestServers.DropDatabaseAsync(_database);

    [Fact]
    public async Task Tokens_in_old_replay_records_become_null_and_everything_else_stays()
    {
        var options = new DbContextOptionsBuilder<CommunityDbContext>()
            .UseNpgsql(TestServers.PostgresConnectionString(_database)).UseSnakeCaseNamingConvention().Options;
        await using var db = new CommunityDbContext(options);
        var migrator = db.GetInfrastructure().GetRequiredService<IMigrator>();
        await migrator.MigrateAsync("20261125223023_IdempotencyOwnerMessage");
        await InsertAsync("key", """{"meta":{"status":"success","statusCode":201},"message":"Create API key success.","data":{"_id":"k1","name":"n","token":"rai_old1"}}""");
        await InsertAsync("community", """{"meta":{"status":"success","statusCode":201},"data":{"community":{"_id":"c1"},"apiKey":{"_id":"k2","token":"rai_old2"}}}""");
        await InsertAsync("product", """{"meta":{"status":"success","statusCode":201},"data":{"name":"no secret here"}}""");
        await InsertAsync("plain", "not json at all");

        await migrator.MigrateAsync();

        var key = await BodyAsync("key");
        var community = await BodyAsync("community");
        Assert.DoesNotContain("rai_old", key + community, StringComparison.Ordinal);
        Assert.Contains("\"token\": null", key, StringComparison.Ordinal);
        Assert.Contains("\"secretShown\": false", key, StringComparison.Ordinal);
        Assert.Contains("\"_id\": \"k1\"", key, StringComparison.Ordinal);
        Assert.Contains("\"apiKey\": {\"_id\": \"k2\", \"token\": null}", community, StringComparison.Ordinal);
        Assert.Equal("""{"meta":{"status":"success","statusCode":201},"data":{"name":"no secret here"}}""", await BodyAsync("product"));
        Assert.Equal("not json at all", await BodyAsync("plain"));
    }

    private async Task InsertAsync(string key, string body)
    {
        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString(_database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "INSERT INTO idempotency_records (scope, key, request_hash, completed, response_status, response_content_type, response_body, started_at) " +
            "VALUES ('s', @k, '\\x00'::bytea, true, 201, 'application/json', convert_to(@b, 'UTF8'), now())", connection);
        command.Parameters.AddWithValue("k", key);
        command.Parameters.AddWithValue("b", body);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<string> BodyAsync(string key)
    {
        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString(_database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT convert_from(response_body, 'UTF8') FROM idempotency_records WHERE key = @k", connection);
        command.Parameters.AddWithValue("k", key);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
