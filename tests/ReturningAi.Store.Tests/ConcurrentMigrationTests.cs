using Microsoft.EntityFrameworkCore;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.Store.Infrastructure;
using ReturningAi.TestSupport;

namespace ReturningAi.Store.Tests;

/// <summary>Replicas started together on a database that does not exist yet (a first deployment with two store replicas).</summary>
public sealed class ConcurrentMigrationTests : IAsyncLifetime
{
    private readonly string _database = TestServers.UniqueDatabaseName("store_first_start");

    public Task InitializeAsync()
    {
        TestServers.EnsureReachable();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => TestServers.DropDatabaseAsync(_database);

    [Fact]
    public async Task Four_instances_migrating_a_missing_database_at_once_all_succeed_and_apply_each_migration_once()
    {
        var contexts = Enumerable.Range(0, 4).Select(_ => NewContext()).ToList();
        try
        {
            await Task.WhenAll(contexts.Select(context => Task.Run(() => context.MigrateOneAtATimeAsync())));

            await using var check = NewContext();
            Assert.Equal(check.Database.GetMigrations(), await check.Database.GetAppliedMigrationsAsync());
            Assert.Empty(await check.Database.GetPendingMigrationsAsync());
        }
        finally
        {
            foreach (var context in contexts) await context.DisposeAsync();
        }
    }

    private StoreDbContext NewContext() => StoreContexts.On(_database);
}
