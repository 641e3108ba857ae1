using Microsoft.EntityFrameworkCore;
using Npgsql;
using ReturningAi.TestSupport;

namespace ReturningAi.Messaging.Tests;

/// <summary>A fresh database on the real PostgreSQL with the notes, outbox and inbox tables; dropped afterwards.</summary>
public sealed class TestDatabase : IAsyncLifetime
{
    public string Name { get; } = TestServers.UniqueDatabaseName("messaging");

    public string ConnectionString => TestServers.PostgresConnectionString(Name);

    public DbContextOptions<NotesContext> Options(bool outbox = true)
    {
        var options = new DbContextOptionsBuilder<NotesContext>().UseNpgsql(ConnectionString);
        if (outbox) options.UseOutbox();
        return options.Options;
    }

    public NotesContext Context(bool outbox = true) => new(Options(outbox));

    public async Task InitializeAsync()
    {
        TestServers.EnsureReachable();
        await using var db = Context();
        await db.Database.EnsureCreatedAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await TestServers.DropDatabaseAsync(Name);
    }

    public async Task<List<OutboxMessage>> OutboxAsync()
    {
        await using var db = Context();
        return await db.Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.Position).ToListAsync();
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
