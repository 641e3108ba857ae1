using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ReturningAi.ServiceDefaults.Data;

public static class MigrationExtensions
{
    /// <summary>Schema migrations apply on start-up, one instance at a time (see <see cref="MigrateOneAtATimeAsync"/>).</summary>
    public static async Task MigrateDatabaseAsync<TContext>(this WebApplication app) where TContext : DbContext
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TContext>().MigrateOneAtATimeAsync();
    }

    /// <summary>
    /// Creates and migrates the context's database while holding a session advisory lock named after it.
    /// EF's own migration lock lives in the database it migrates, so replicas starting together on a
    /// database that does not exist yet raced to create it and to apply its first migrations, and the
    /// loser stopped ("relation already exists"). The lock is taken in the server's maintenance database,
    /// which always exists, and is released when its connection closes, also if this process dies.
    /// </summary>
    public static async Task MigrateOneAtATimeAsync(this DbContext context, CancellationToken cancellationToken = default)
    {
        var target = new NpgsqlConnectionStringBuilder(context.Database.GetConnectionString());
        var maintenance = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext(@name))", connection))
        {
            take.Parameters.AddWithValue("name", $"returningai-migrate:{target.Database}");
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        await context.Database.MigrateAsync(cancellationToken);
    }
}
